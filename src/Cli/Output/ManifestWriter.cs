using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Output;

/// <summary>Writes converted documents in the chosen format to a stream, one document at a time.</summary>
internal sealed class ManifestWriter : IDisposable
{
    private const int TextBuffer = 64 * 1024;

    private readonly StreamWriter? _text;
    private readonly YamlStreamWriter? _yaml;
    private readonly JsonStreamWriter? _json;

    /// <summary>Starts writing <paramref name="format"/> to <paramref name="output"/>.</summary>
    public ManifestWriter(OutputFormat format, Stream output)
    {
        if (format == OutputFormat.Json)
        {
            _json = new JsonStreamWriter(output);
        }
        else
        {
            _text = new StreamWriter(output, new UTF8Encoding(false), TextBuffer, leaveOpen: true) { NewLine = "\n" };
            _yaml = new YamlStreamWriter(_text);
        }
    }

    /// <summary>Writes one document.</summary>
    public void Write(JsonNode document)
    {
        _yaml?.Write(document);
        _json?.Write(document);
    }

    /// <summary>Whether <see cref="WriteList"/> writes items as they come (YAML); JSON output needs the List whole.</summary>
    public bool StreamsListItems => _yaml is not null;

    /// <summary>
    /// Writes a <c>v1 List</c> whose items come one at a time (see <see cref="YamlStreamWriter.WriteList"/>); for JSON
    /// the items are gathered into the List first.
    /// </summary>
    public void WriteList(JsonObject header, IEnumerable<JsonNode?> items)
    {
        if (_yaml is not null)
        {
            _yaml.WriteList(header, items);
            return;
        }

        header["items"] = new JsonArray([.. items]);
        Write(header);
    }

    /// <summary>Ends the output and flushes it to the stream.</summary>
    public void Complete()
    {
        _yaml?.Complete();
        _text?.Flush();
        _json?.Complete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _text?.Dispose();
        _json?.Dispose();
    }
}
