using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>Where the lookup of one image stands, as the shell knows it when a reconcile starts.</summary>
internal abstract record ImageLookupState
{
    private ImageLookupState()
    {
    }

    /// <summary>Not known yet: the lookup is to be started, or runs.</summary>
    public sealed record Pending : ImageLookupState;

    /// <summary>Known: what the image runs and the digest to pin it to.</summary>
    /// <param name="Facts">The image's ENTRYPOINT, CMD and pinned reference.</param>
    public sealed record Resolved(ImageFacts Facts) : ImageLookupState;

    /// <summary>The last lookup failed; the shell tries again by itself.</summary>
    /// <param name="Message">What failed and what was tried, in the registry client's words.</param>
    /// <param name="RetryIn">When the next try starts.</param>
    public sealed record Failed(string Message, TimeSpan RetryIn) : ImageLookupState;
}
