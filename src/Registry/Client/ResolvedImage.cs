using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry;

/// <summary>What a lookup found: the platform's manifest, the index it was chosen from, and the config.</summary>
/// <param name="Reference">The reference looked up.</param>
/// <param name="ManifestDigest">The digest of the platform's image manifest (verified).</param>
/// <param name="IndexDigest">The digest of the index it was chosen from (verified), or <see langword="null"/> for a single-platform image.</param>
/// <param name="Platform">The platform of the chosen index entry, or <see langword="null"/> for a single-platform image.</param>
/// <param name="Config">ENTRYPOINT, CMD and WORKDIR.</param>
/// <param name="Endpoint">Where it was read from (<c>https://host</c>; a mirror's address when a mirror answered).</param>
public sealed record ResolvedImage(
    ImageReference Reference,
    ContentDigest ManifestDigest,
    ContentDigest? IndexDigest,
    Platform? Platform,
    ImageConfig Config,
    string Endpoint)
{
    /// <summary>The digest the reference stands for: the index's when there is one, else the manifest's.</summary>
    public ContentDigest TopDigest => IndexDigest ?? ManifestDigest;
}
