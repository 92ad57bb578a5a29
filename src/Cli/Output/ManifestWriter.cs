using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Output;

/// <summary>
/// Writes converted documents in the chosen format to a stream, one document at a time, on a second thread (see
/// <see cref="DocumentQueue"/>); a List, whose items are still being read and converted as it is written, is written
/// on the caller's thread once the documents before it are written.
/// </summary>
internal sealed class ManifestWriter : IDisposable
{
    private const int TextBuffer = 64 * 1024;

    private readonly StreamWriter? _text;
    private readonly YamlStreamWriter? _yaml;
    private readonly JsonStreamWriter? _json;
    private readonly DocumentQueue _queue;

    /// <summary>Starts writing <paramref name="format"/> to <paramref name="output"/>.</summary>
    public ManifestWriter(OutputFormat format, Stream output)
    {
        if (format == OutputFormat.Json)
        {
            // The first document is written aside until the next shows whether the output is a List: in a spool too.
            _json = new JsonStreamWriter(output, () => new OutputSpool());
        }
        else
        {
            _text = new StreamWriter(output, new UTF8Encoding(false), TextBuffer, leaveOpen: true) { NewLine = "\n" };
            _yaml = new YamlStreamWriter(_text);
        }

        _queue = new DocumentQueue(WriteNow);
    }

    /// <summary>Writes one document.</summary>
    public void Write(JsonNode document) => _queue.Add(document);

    /// <summary>Writes a <c>v1 List</c> whose items come one at a time (see <see cref="YamlStreamWriter.WriteList"/>).</summary>
    public void WriteList(JsonObject header, IEnumerable<JsonNode?> items)
    {
        _queue.Drain();
        _yaml?.WriteList(header, items);
        _json?.WriteList(header, items);
    }

    /// <summary>Ends the output and flushes it to the stream.</summary>
    public void Complete()
    {
        _queue.Complete();
        _yaml?.Complete();
        _text?.Flush();
        _json?.Complete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.Dispose();
        _text?.Dispose();
        _json?.Dispose();
    }

    private void WriteNow(JsonNode document)
    {
        _yaml?.Write(document);
        _json?.Write(document);
    }
}
