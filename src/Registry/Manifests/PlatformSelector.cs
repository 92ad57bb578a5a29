namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// Chooses an index's manifest for a platform as containerd does: an entry serves the platform when OS and architecture
/// match and its variant matches or is missing; an entry naming the exact variant wins over one without, and among equals
/// the first in the index wins. Entries that are not image manifests (nested indexes, attestations of an unknown platform)
/// are passed over.
/// </summary>
public static class PlatformSelector
{
    /// <summary>The OS of BuildKit's attestation entries (SBOM, provenance), which are not images to run.</summary>
    private const string Unknown = "unknown";

    /// <summary>The entry for a platform, or <see langword="null"/> when none serves it.</summary>
    /// <param name="index">The index.</param>
    /// <param name="wanted">The platform the step will run on.</param>
    /// <returns>The chosen entry.</returns>
    public static Descriptor? Select(ImageIndex index, Platform wanted)
    {
        var candidates = index.Manifests
            .Where(entry => entry.Platform is { Os: not Unknown } offered && offered.Serves(wanted) && IsManifestOrUnstated(entry.MediaType))
            .ToList();
        return candidates.FirstOrDefault(entry => entry.Platform!.Variant == wanted.Variant) ?? candidates.FirstOrDefault();
    }

    /// <summary>The platforms an index offers, for a message that says what there is instead.</summary>
    /// <param name="index">The index.</param>
    /// <returns>Each distinct platform, in index order (<c>unknown/unknown</c> attestation entries left out).</returns>
    public static IReadOnlyList<string> Offered(ImageIndex index) =>
        [.. index.Manifests
            .Select(entry => entry.Platform)
            .OfType<Platform>()
            .Where(platform => platform.Os != Unknown)
            .Select(platform => platform.ToString())
            .Distinct(StringComparer.Ordinal)];

    private static bool IsManifestOrUnstated(string mediaType) => mediaType.Length == 0 || MediaTypes.IsImageManifest(mediaType);
}
