namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>One image to look up: as a step's <c>image</c> names it, for the platform its Pod will run on.</summary>
/// <param name="Image">The <c>image</c> as written.</param>
/// <param name="Platform">The platform, <c>os/architecture[/variant]</c>.</param>
internal sealed record ImageKey(string Image, string Platform)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Image} ({Platform})";
}
