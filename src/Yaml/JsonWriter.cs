using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes documents as indented JSON: one document as itself, several wrapped in a <c>v1 List</c> as kubectl does.
/// Characters are escaped only where JSON requires it, so non-ASCII text stays readable.
/// </summary>
public static class JsonWriter
{
    /// <summary>Writes <paramref name="documents"/>, ending with a newline.</summary>
    public static string Write(IReadOnlyList<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var buffer = new MemoryStream();
        using (var writer = new JsonStreamWriter(buffer))
        {
            foreach (var document in documents)
            {
                writer.Write(document);
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
