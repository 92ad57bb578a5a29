namespace Kueueleuleu.StepProtocol;

/// <summary>One problem found in the input, with where it is and what to do about it.</summary>
/// <param name="Path">
/// The JSON path inside the converted object, for example
/// <c>spec.template.spec.containers[1].command</c> or
/// <c>metadata.annotations[kueueleuleu.io/steps][0].after</c>.
/// </param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ConversionError(string Path, string Message)
{
    /// <summary>Returns the error as <c>path: message</c>.</summary>
    /// <returns>The path followed by the message.</returns>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
