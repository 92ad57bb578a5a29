namespace Kueueleuleu.Registry.Manifests;

/// <summary>The media types of the documents a registry serves for a container image.</summary>
public static class MediaTypes
{
    /// <summary>An OCI image manifest: one platform's config and layers.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An OCI image index: a manifest per platform.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>A Docker image manifest, version 2 schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>A Docker manifest list (Docker's index).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>A Docker image manifest, version 2 schema 1 (deprecated, signed, without a config blob).</summary>
    public const string DockerSchema1Manifest = "application/vnd.docker.distribution.manifest.v1+json";

    /// <summary>A Docker schema 1 manifest with its JWS signature.</summary>
    public const string DockerSchema1SignedManifest = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>An OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>A Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>The Accept header of a manifest request: every manifest type this library reads.</summary>
    public static readonly IReadOnlyList<string> AcceptedManifests = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    /// <summary>Whether a media type is an index (OCI index or Docker manifest list).</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><see langword="true"/> for an index.</returns>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Whether a media type is a single-platform image manifest (OCI or Docker v2 schema 2).</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><see langword="true"/> for an image manifest.</returns>
    public static bool IsImageManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Whether a media type is a container image config (OCI or Docker).</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><see langword="true"/> for an image config.</returns>
    public static bool IsImageConfig(string? mediaType) => mediaType is OciConfig or DockerConfig;
}
