namespace Kueueleuleu.TestSupport;

/// <summary>
/// One test image in one local registry, as hack/registry/up.sh recorded it in images.json: read back from the registry
/// and checked against the recipe's ENTRYPOINT and CMD (null where the image has none).
/// </summary>
/// <param name="Registry">The registry that holds it.</param>
/// <param name="Name">The recipe's name (both, cmd-only, multi, …).</param>
/// <param name="Reference">host:port/repository:tag.</param>
/// <param name="Repository">kueueleuleu-test/NAME.</param>
/// <param name="Tag">The tag, 1.</param>
/// <param name="Digest">The digest of the manifest (of the index for multi) the tag points at.</param>
/// <param name="MediaType">The manifest's media type as the registry serves it.</param>
/// <param name="Entrypoint">The image configuration's ENTRYPOINT; null for none and for an index.</param>
/// <param name="Cmd">The image configuration's CMD; null for none and for an index.</param>
/// <param name="Platforms">An index's entries (multi); empty otherwise.</param>
public sealed record LocalRegistryImage(
    LocalRegistryEndpoint Registry,
    string Name,
    string Reference,
    string Repository,
    string Tag,
    string Digest,
    string MediaType,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string>? Cmd,
    IReadOnlyList<LocalRegistryPlatformImage> Platforms)
{
    /// <summary>host:port/repository@digest, the reference that pins this exact manifest.</summary>
    public string ReferenceByDigest => $"{LocalRegistry.Host(Registry)}/{Repository}@{Digest}";
}

/// <summary>One entry of a multi-platform index.</summary>
/// <param name="Platform">os/architecture, e.g. linux/arm64.</param>
/// <param name="Digest">The digest of that platform's manifest.</param>
/// <param name="Entrypoint">Its configuration's ENTRYPOINT, or null.</param>
/// <param name="Cmd">Its configuration's CMD, or null.</param>
public sealed record LocalRegistryPlatformImage(string Platform, string Digest, IReadOnlyList<string>? Entrypoint, IReadOnlyList<string>? Cmd);
