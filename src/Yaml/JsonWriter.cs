using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes documents as indented JSON: one document as itself, several wrapped in a <c>v1 List</c> as kubectl does.
/// Characters are escaped only where JSON requires it, so non-ASCII text stays readable.
/// </summary>
public static class JsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        MaxDepth = RawDocumentParser.MaxDepth + 8,
    };

    /// <summary>Writes <paramref name="documents"/>, ending with a newline.</summary>
    public static string Write(IReadOnlyList<JsonNode?> documents)
    {
        var root = documents.Count == 1 ? documents[0] : WrapInList(documents);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            if (root is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                root.WriteTo(writer);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static JsonObject WrapInList(IReadOnlyList<JsonNode?> documents) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(documents.Select(d => d?.DeepClone()).ToArray()),
    };
}
