using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry;

/// <summary>The outcome of <see cref="RegistryClient.ResolveAsync"/>: an image or a failure.</summary>
public sealed class RegistryLookup
{
    private RegistryLookup(ResolvedImage? image, RegistryFailure? failure, IReadOnlyList<RegistryAttempt> attempts, bool fromCache)
    {
        Image = image;
        Failure = failure;
        Attempts = attempts;
        FromCache = fromCache;
    }

    /// <summary>The image, when found.</summary>
    public ResolvedImage? Image { get; }

    /// <summary>The failure, when not.</summary>
    public RegistryFailure? Failure { get; }

    /// <summary>The requests made, in order (none for an answer from the cache).</summary>
    public IReadOnlyList<RegistryAttempt> Attempts { get; }

    /// <summary>Whether the answer came from the cache without a request.</summary>
    public bool FromCache { get; }

    /// <summary>Whether the image was found.</summary>
    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Image is not null;

    /// <summary>A found image.</summary>
    /// <param name="image">The image.</param>
    /// <param name="attempts">The requests made.</param>
    /// <param name="fromCache">Whether it came from the cache.</param>
    /// <returns>The outcome.</returns>
    public static RegistryLookup Found(ResolvedImage image, IReadOnlyList<RegistryAttempt> attempts, bool fromCache = false) => new(image, null, attempts, fromCache);

    /// <summary>A failure.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The outcome.</returns>
    public static RegistryLookup Failed(RegistryFailure failure) => new(null, failure, failure.Attempts, false);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"{Image.Reference}: {Image.ManifestDigest}" : Failure.ToString();
}
