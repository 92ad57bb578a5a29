namespace Kueueleuleu.Yaml;

/// <summary>
/// A problem found while reading a stream: the 1-based document number, where it is in the text (when known), the
/// field path inside the document (when known) and what is wrong.
/// </summary>
public sealed record ReadError(int Document, TextPosition? Position, string? Path, string Message);
