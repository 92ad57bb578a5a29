using System.Diagnostics.CodeAnalysis;
using Kueueleuleu.Registry;

namespace Kueueleuleu.Cli.Images;

/// <summary>What looking one image up for one platform gave: the image, or a one-line failure with what was tried.</summary>
internal sealed record ImageLookupOutcome
{
    private ImageLookupOutcome(ResolvedImage? image, string? kind, string? failure)
    {
        Image = image;
        Kind = kind;
        Failure = failure;
    }

    /// <summary>The image, when found.</summary>
    public ResolvedImage? Image { get; }

    /// <summary>The kind of failure in words (<c>unreachable</c>, <c>unauthorized</c>, …), when not found.</summary>
    public string? Kind { get; }

    /// <summary>What happened, what was tried and what to do, when not found.</summary>
    public string? Failure { get; }

    /// <summary>Whether the image was found.</summary>
    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Kind), nameof(Failure))]
    public bool Succeeded => Image is not null;

    /// <summary>A found image.</summary>
    public static ImageLookupOutcome Found(ResolvedImage image) => new(image, null, null);

    /// <summary>A failure.</summary>
    public static ImageLookupOutcome Failed(string kind, string failure) => new(null, kind, failure);
}
