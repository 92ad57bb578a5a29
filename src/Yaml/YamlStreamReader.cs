namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads a multi-document YAML stream into JSON trees typed the way kubectl types them. Empty and null documents
/// (only comments, a bare <c>---</c>, <c>~</c>) are skipped but still counted, so document numbers match the stream.
/// </summary>
internal static class YamlStreamReader
{
    /// <summary>Reads <paramref name="text"/>; never throws on bad input.</summary>
    public static StreamReadResult Read(string text)
    {
        var (rawDocuments, syntaxError) = RawDocumentParser.Parse(text);
        var documents = new List<ReadDocument>();
        var errors = new List<ReadError>();
        foreach (var raw in rawDocuments)
        {
            var before = errors.Count;
            var root = RawNodeTyper.Type(raw, errors);
            if (root is not null && errors.Count == before)
            {
                documents.Add(new ReadDocument(raw.Number, root));
            }
        }

        if (syntaxError is not null)
        {
            errors.Add(syntaxError);
        }

        return new StreamReadResult(documents, errors);
    }
}
