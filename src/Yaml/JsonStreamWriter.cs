using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes documents as indented JSON as they come (see <see cref="JsonWriter"/>). Whether the output is the first
/// document alone or a <c>v1 List</c> of all of them is known only when a second one comes or the output ends, so the
/// first document is written aside (as text, not held as a tree) and copied into place then: a List item is the same
/// text indented two levels deeper. Nothing is held but the text of the first document and the document being written.
/// </summary>
public sealed class JsonStreamWriter : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        MaxDepth = RawDocumentParser.MaxDepth + 8,
    };

    private static readonly byte[] ListStart = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": ["u8.ToArray();
    private static readonly byte[] ItemIndentation = "    "u8.ToArray();

    private readonly Stream _output;
    private readonly Func<Stream> _createAside;
    private Stream? _first;
    private int _count;

    /// <summary>
    /// Starts writing UTF-8 JSON to <paramref name="output"/>; the first document is written aside to a stream from
    /// <paramref name="createAside"/> (readable and seekable; default: in memory), which is disposed once copied.
    /// </summary>
    public JsonStreamWriter(Stream output, Func<Stream>? createAside = null)
    {
        _output = output;
        _createAside = createAside ?? (() => new MemoryStream());
    }

    /// <summary>Writes one document.</summary>
    public void Write(JsonNode? document) => WriteOne(writer => WriteNode(writer, document));

    /// <summary>
    /// Writes a <c>v1 List</c> whose items come one at a time: <paramref name="header"/> holds the other fields and an
    /// <c>items</c> entry marking where the items go. The output is what <see cref="Write"/> gives for the whole List.
    /// </summary>
    public void WriteList(JsonObject header, IEnumerable<JsonNode?> items)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(items);
        WriteOne(writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in header)
            {
                writer.WritePropertyName(name);
                if (name == ListShape.ItemsKey)
                {
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        WriteNode(writer, item);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    WriteNode(writer, value);
                }
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>Ends the output: the one document, or the List (empty when no document came), and a newline.</summary>
    public void Complete()
    {
        if (_count == 1)
        {
            CopyFirst(_output);
        }
        else
        {
            if (_count == 0)
            {
                _output.Write(ListStart);
            }
            else
            {
                _output.Write("\n  "u8);
            }

            _output.Write("]\n}"u8);
        }

        _output.WriteByte((byte)'\n');
    }

    /// <inheritdoc />
    public void Dispose() => _first?.Dispose();

    private void WriteOne(Action<Utf8JsonWriter> write)
    {
        _count++;
        if (_count == 1)
        {
            _first = _createAside();
            WriteDocument(_first, write);
            return;
        }

        if (_count == 2)
        {
            _output.Write(ListStart);
            _output.Write("\n    "u8);
            CopyFirst(new IndentingStream(_output, ItemIndentation));
        }

        _output.Write(",\n    "u8);
        WriteDocument(new IndentingStream(_output, ItemIndentation), write);
    }

    private static void WriteDocument(Stream destination, Action<Utf8JsonWriter> write)
    {
        using var writer = new Utf8JsonWriter(destination, Options);
        write(writer);
        writer.Flush();
    }

    private void CopyFirst(Stream destination)
    {
        _first!.Position = 0;
        _first.CopyTo(destination);
        _first.Dispose();
        _first = null;
    }

    // Walks the tree itself rather than calling JsonNode.WriteTo, so that the writer's buffer can be flushed as it
    // fills: Utf8JsonWriter keeps everything until a flush, which for a large document is a second copy of it.
    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }

        if (writer.BytesPending >= FlushThreshold)
        {
            writer.Flush();
        }
    }
}
