using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Runtime;

/// <summary>Prepares parsed JSON to be kept and shared between threads that only read it.</summary>
public static class SharedJson
{
    /// <summary>
    /// A copy of <paramref name="obj"/> backed by a document of its own. Values parsed by <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
    /// point into the document they came from, so keeping part of a parsed object keeps all of the document's bytes;
    /// the copy holds just its own.
    /// </summary>
    /// <param name="obj">The object; not changed.</param>
    /// <returns>An equal object.</returns>
    public static JsonObject Compact(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            obj.WriteTo(writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>
    /// Walks the whole tree once. A parsed <see cref="JsonObject"/> builds its children lazily on first read, which
    /// is not safe from several threads; after the walk every read is a plain lookup.
    /// </summary>
    /// <param name="node">The tree; not changed.</param>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Materialize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
