namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>A step without <c>command</c>, whose image must be looked up before its Job can be built.</summary>
/// <param name="Step">The step (container) name.</param>
/// <param name="Key">Its image and platform.</param>
/// <param name="Args">Its <c>args</c>, which replace the image's CMD when given.</param>
internal sealed record StepImage(string Step, ImageKey Key, IReadOnlyList<string>? Args);
