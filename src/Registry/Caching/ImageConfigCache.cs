using System.Diagnostics.CodeAnalysis;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Caching;

/// <summary>
/// Remembers lookups so that the operator does not ask the registry again for every SequentialJob of the same image.
/// Two maps, because digests and tags age differently: what a digest names never changes, so a digest's result is kept
/// until the bounded map needs the room (least recently used first); a tag can be moved to another image at any time,
/// so a tag's digest is trusted only for <see cref="TagTimeToLive"/>. Keys carry the registry and repository (and the
/// platform for a digest's result): the same digest in another repository is another lookup, since access is granted per
/// repository. Failures are not cached. Thread-safe.
/// </summary>
public sealed class ImageConfigCache
{
    private readonly Lock gate = new();
    private readonly LruMap<(string Name, string Digest, string Platform), ResolvedImage> images;
    private readonly LruMap<(string Name, string Tag), (ContentDigest Digest, DateTimeOffset Expires)> tags;
    private readonly TimeProvider clock;

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">The most digest results, and the most tags, kept (each).</param>
    /// <param name="tagTimeToLive">How long a tag's digest is trusted (5 minutes when not given).</param>
    /// <param name="timeProvider">The clock (tests use a fake one).</param>
    public ImageConfigCache(int capacity = 1024, TimeSpan? tagTimeToLive = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        images = new(capacity);
        tags = new(capacity);
        TagTimeToLive = tagTimeToLive ?? TimeSpan.FromMinutes(5);
        clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a tag's digest is trusted.</summary>
    public TimeSpan TagTimeToLive { get; }

    /// <summary>How many digest results are kept.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return images.Count;
            }
        }
    }

    /// <summary>A remembered result for a reference and platform.</summary>
    /// <param name="reference">The reference (by digest, or by tag while the tag's entry is fresh).</param>
    /// <param name="platform">The platform.</param>
    /// <param name="image">The result, with <paramref name="reference"/> as its reference.</param>
    /// <returns>Whether there was one.</returns>
    public bool TryGet(ImageReference reference, Platform platform, [NotNullWhen(true)] out ResolvedImage? image)
    {
        image = null;
        lock (gate)
        {
            var digest = reference.Digest;
            if (digest is null)
            {
                var tagKey = (reference.Name, reference.ManifestReference);
                if (!tags.TryGet(tagKey, out var entry))
                {
                    return false;
                }

                if (clock.GetUtcNow() >= entry.Expires)
                {
                    tags.Remove(tagKey);
                    return false;
                }

                digest = entry.Digest;
            }

            if (!images.TryGet((reference.Name, digest.ToString(), platform.ToString()), out var found))
            {
                return false;
            }

            image = found with { Reference = reference };
            return true;
        }
    }

    /// <summary>Remembers a result: the digest's for good (until evicted), the tag's for the time to live.</summary>
    /// <param name="platform">The platform it was resolved for.</param>
    /// <param name="image">The result; its reference says the repository and tag.</param>
    public void Add(Platform platform, ResolvedImage image)
    {
        var reference = image.Reference;
        lock (gate)
        {
            images.Set((reference.Name, image.TopDigest.ToString(), platform.ToString()), image);
            if (reference.Digest is null)
            {
                tags.Set((reference.Name, reference.ManifestReference), (image.TopDigest, clock.GetUtcNow() + TagTimeToLive));
            }
        }
    }
}
