namespace Kueueleuleu.Entities.Validation;

/// <summary>One problem in a SequentialJob, with the path of the field and what to do.</summary>
/// <param name="Path">The field path, such as <c>spec.steps[0].after[1]</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record FieldError(string Path, string Message)
{
    /// <summary>Returns the error as <c>path: message</c>.</summary>
    /// <returns>The path followed by the message.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
