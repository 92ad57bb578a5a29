using System.Text;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads a manifest input the way kubectl does: JSON when the first non-whitespace character is <c>{</c> or
/// <c>[</c>, YAML otherwise. Inputs are streamed: documents come one at a time, and only the one being read is
/// held, so memory follows the largest document, which <see cref="ReadLimits"/> bounds.
/// </summary>
public static class ManifestReader
{
    /// <summary>
    /// The documents and errors of <paramref name="input"/> (UTF-8 bytes, a byte-order mark allowed), in input
    /// order, read as the caller asks for them. Bad input gives errors, never exceptions; only the stream's own
    /// failures (an <see cref="IOException"/>) escape. With <paramref name="streamListItems"/>, a <c>v1 List</c> comes
    /// with its items to be read one at a time (<see cref="ReadDocument.Items"/>).
    /// </summary>
    public static IEnumerable<ReadItem> Read(Stream input, ReadLimits? limits = null, bool streamListItems = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        limits ??= ReadLimits.Default;
        var start = InputStart.Read(input, limits.MaxDocumentBytes);
        return start.IsJson
            ? JsonStreamReader.Read(start.Rest, start.FirstOffset, limits, streamListItems)
            : YamlStreamReader.Read(new Utf8TextReader(start.Rest, start.FirstOffset, limits.MaxDocumentBytes), limits, streamListItems);
    }

    /// <summary>Reads every document in <paramref name="text"/> at once.</summary>
    public static StreamReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var items = Read(bytes).ToList();
        return new StreamReadResult(items.OfType<ReadDocument>().ToList(), items.OfType<ReadError>().ToList());
    }
}
