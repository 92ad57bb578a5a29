using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads one or more concatenated JSON values. Numbers keep their exact text; comments, trailing commas and
/// duplicate property names are errors, reported with line and column (or with the field path for duplicates).
/// </summary>
internal static class JsonStreamReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = RawDocumentParser.MaxDepth,
    };

    /// <summary>Reads <paramref name="text"/>; never throws on bad input.</summary>
    public static StreamReadResult Read(string text)
    {
        var documents = new List<ReadDocument>();
        var errors = new List<ReadError>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, Options);
        var number = 0;
        try
        {
            while (reader.Read())
            {
                number++;
                using var value = JsonDocument.ParseValue(ref reader);
                var before = errors.Count;
                var root = JsonElementConverter.Convert(value.RootElement, number, errors);
                if (root is not null && errors.Count == before)
                {
                    documents.Add(new ReadDocument(number, root));
                }
            }
        }
        catch (JsonException e)
        {
            var position = new TextPosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            errors.Add(new ReadError(Math.Max(number, 1), position, null,
                $"{CleanMessage(e.Message)} (input whose first character is {{ or [ is read as JSON; start the file with a comment or --- to have it read as YAML)"));
        }

        return new StreamReadResult(documents, errors);
    }

    // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 5." which is 0-based; we print our own.
    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}
