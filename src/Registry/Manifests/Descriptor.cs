using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>A reference from one document to another: its media type, digest and size, and (in an index) its platform.</summary>
/// <param name="MediaType">The media type of the referenced document.</param>
/// <param name="Digest">Its digest.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Platform">The platform it serves, for an index entry that says so.</param>
public sealed record Descriptor(string MediaType, ContentDigest Digest, long Size, Platform? Platform = null);
