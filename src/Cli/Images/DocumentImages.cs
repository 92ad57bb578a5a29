using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// What is known about the images of one document's steps without <c>command</c>: the facts the converter takes
/// (<see cref="ConversionOptions.Images"/>), the errors of the lookup, and the <c>command</c> paths whose converter error
/// those errors replace (the converter would only repeat that the image's command is not known).
/// </summary>
/// <param name="Facts">What each image runs, keyed by the image as written.</param>
/// <param name="Errors">The lookup's errors, each naming its field.</param>
/// <param name="Replaced">The <c>command</c> paths whose converter error is replaced by one of <paramref name="Errors"/>.</param>
internal sealed record DocumentImages(IReadOnlyDictionary<string, ImageFacts> Facts, IReadOnlyList<ConversionError> Errors, IReadOnlySet<string> Replaced)
{
    /// <summary>Nothing looked up: the converter reports every step without command itself.</summary>
    public static DocumentImages None { get; } = new(new Dictionary<string, ImageFacts>(), [], new HashSet<string>());
}
