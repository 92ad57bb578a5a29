namespace Kueueleuleu.Yaml;

/// <summary>
/// A problem found while reading a stream: the 1-based document number (null when the problem is the input itself,
/// such as bytes that are not UTF-8), where it is in the text (when known), the field path inside the document (when
/// known) and what is wrong.
/// </summary>
public sealed record ReadError(int? Document, TextPosition? Position, string? Path, string Message) : ReadItem;
