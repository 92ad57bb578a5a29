namespace Kueueleuleu.Yaml;

/// <summary>
/// A typed scalar: <see cref="Text"/> is the JSON number text for numbers, the string for strings,
/// <c>true</c>/<c>false</c> for booleans; <see cref="Error"/> is set when the scalar cannot be represented.
/// </summary>
internal readonly record struct ResolvedScalar(ScalarKind Kind, string Text, string? Error = null)
{
    public static ResolvedScalar Null => new(ScalarKind.Null, "null");

    public static ResolvedScalar Bool(bool value) => new(ScalarKind.Boolean, value ? "true" : "false");

    public static ResolvedScalar Str(string value) => new(ScalarKind.String, value);

    public static ResolvedScalar Fail(string message) => new(ScalarKind.String, string.Empty, message);
}
