namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads a multi-document YAML stream into JSON trees typed the way kubectl types them, one document at a time.
/// Empty and null documents (only comments, a bare <c>---</c>, <c>~</c>) are skipped but still counted, so document
/// numbers match the stream.
/// </summary>
internal static class YamlStreamReader
{
    /// <summary>Reads <paramref name="text"/> as the caller asks for documents; never throws on bad input.</summary>
    public static IEnumerable<ReadItem> Read(Utf8TextReader text, ReadLimits limits, bool streamListItems)
    {
        foreach (var (raw, error) in RawDocumentParser.Parse(text, limits))
        {
            if (error is not null)
            {
                yield return error;
                continue;
            }

            if (streamListItems && RawNodeTyper.TypeList(raw!) is var (header, items))
            {
                yield return new ReadDocument(raw!.Number, header) { Items = items };
                continue;
            }

            var errors = new List<ReadError>();
            var root = RawNodeTyper.Type(raw!, errors);
            foreach (var typingError in errors)
            {
                yield return typingError;
            }

            if (root is not null && errors.Count == 0)
            {
                yield return new ReadDocument(raw!.Number, root);
            }
        }
    }
}
