using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes documents as indented JSON as they come (see <see cref="JsonWriter"/>): the first one is held back until
/// a second shows whether the output is that document alone or a <c>v1 List</c> of all of them, so at most one
/// document is held.
/// </summary>
public sealed class JsonStreamWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        MaxDepth = RawDocumentParser.MaxDepth + 8,
    };

    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private JsonNode? _first;
    private int _count;

    /// <summary>Starts writing UTF-8 JSON to <paramref name="output"/>.</summary>
    public JsonStreamWriter(Stream output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(output, Options);
    }

    /// <summary>Writes one document (the first is held until the second comes or the output completes).</summary>
    public void Write(JsonNode? document)
    {
        _count++;
        if (_count == 1)
        {
            _first = document;
            return;
        }

        if (_count == 2)
        {
            StartList();
            WriteNode(_first);
            _first = null;
        }

        WriteNode(document);
    }

    /// <summary>Ends the output: the one document, or the List (empty when no document came), and a newline.</summary>
    public void Complete()
    {
        if (_count == 1)
        {
            WriteNode(_first);
        }
        else
        {
            if (_count == 0)
            {
                StartList();
            }

            _writer.WriteEndArray();
            _writer.WriteEndObject();
        }

        _writer.Flush();
        _output.WriteByte((byte)'\n');
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void StartList()
    {
        _writer.WriteStartObject();
        _writer.WriteString("apiVersion", "v1");
        _writer.WriteString("kind", "List");
        _writer.WriteStartArray("items");
    }

    // Walks the tree itself rather than calling JsonNode.WriteTo, so that the writer's buffer can be flushed as it
    // fills: Utf8JsonWriter keeps everything until a flush, which for a large List is a second copy of it.
    private void WriteNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                _writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    _writer.WritePropertyName(name);
                    WriteNode(value);
                }

                _writer.WriteEndObject();
                break;
            case JsonArray array:
                _writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(item);
                }

                _writer.WriteEndArray();
                break;
            case null:
                _writer.WriteNullValue();
                break;
            default:
                node.WriteTo(_writer);
                break;
        }

        if (_writer.BytesPending >= FlushThreshold)
        {
            _writer.Flush();
        }
    }
}
