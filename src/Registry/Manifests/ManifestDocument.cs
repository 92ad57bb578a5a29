namespace Kueueleuleu.Registry.Manifests;

/// <summary>What a manifest request returned: an image manifest or an index of them.</summary>
/// <param name="MediaType">The document's media type, as it declared it or as its shape says.</param>
public abstract record ManifestDocument(string MediaType);

/// <summary>One platform's image: its config blob (and layers, which a lookup does not need).</summary>
/// <param name="MediaType">OCI image manifest or Docker v2 schema 2.</param>
/// <param name="Config">The config blob.</param>
public sealed record ImageManifest(string MediaType, Descriptor Config) : ManifestDocument(MediaType);

/// <summary>A multi-platform image: one manifest per platform (OCI index or Docker manifest list).</summary>
/// <param name="MediaType">OCI index or Docker manifest list.</param>
/// <param name="Manifests">The entries, in the registry's order.</param>
public sealed record ImageIndex(string MediaType, IReadOnlyList<Descriptor> Manifests) : ManifestDocument(MediaType);
