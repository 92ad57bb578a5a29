namespace Kueueleuleu.Yaml;

/// <summary>
/// Raised inside the reader when the bytes of an input are not text it can read (not UTF-8, or a NUL byte); never
/// escapes <see cref="ManifestReader"/>, which reports it as an error of the whole input.
/// </summary>
internal sealed class InputTextException : Exception
{
    public InputTextException()
    {
    }

    public InputTextException(string message)
        : base(message)
    {
    }

    public InputTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error for the byte at <paramref name="offset"/>, which does not start valid UTF-8.</summary>
    public static InputTextException NotUtf8(long offset) =>
        new($"is not valid UTF-8 text (bad byte at offset {offset}); save it as UTF-8");

    /// <summary>The error for a NUL byte at <paramref name="offset"/>: manifests are text, and YAML forbids NUL.</summary>
    public static InputTextException NulByte(long offset) =>
        new($"is not a text file (NUL byte at offset {offset}); manifests are UTF-8 text");
}
