using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes documents to a YAML stream as they come (see <see cref="YamlWriter"/> for the style), so a long stream is
/// never held whole: only the document being written is.
/// </summary>
public sealed class YamlStreamWriter
{
    private readonly Emitter _emitter;
    private readonly ScalarStyleCache _styles = new();
    private bool _first = true;

    /// <summary>Starts a stream written to <paramref name="output"/>.</summary>
    public YamlStreamWriter(TextWriter output)
    {
        // No line folding (bestWidth) so long strings stay on one line and output is easy to diff.
        var settings = new EmitterSettings(2, int.MaxValue, false, 1024, newLine: "\n");
        _emitter = new Emitter(output, settings);
        _emitter.Emit(new StreamStart());
    }

    /// <summary>Writes one document; every one after the first is preceded by <c>---</c>.</summary>
    public void Write(JsonNode? document)
    {
        _emitter.Emit(new DocumentStart(null, null, isImplicit: _first));
        WriteNode(_emitter, document);
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _first = false;
    }

    /// <summary>
    /// Writes a <c>v1 List</c> whose items come one at a time: <paramref name="header"/> holds the other fields and an
    /// <c>items</c> entry marking where the items go. The output is what <see cref="Write"/> gives for the whole List.
    /// </summary>
    public void WriteList(JsonObject header, IEnumerable<JsonNode?> items)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(items);
        _emitter.Emit(new DocumentStart(null, null, isImplicit: _first));
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, header.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
        foreach (var (key, value) in header)
        {
            WriteString(_emitter, key);
            if (key == ListShape.ItemsKey)
            {
                WriteItems(_emitter, items);
            }
            else
            {
                WriteNode(_emitter, value);
            }
        }

        _emitter.Emit(new MappingEnd());
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _first = false;
    }

    /// <summary>Ends the stream (the output writer is the caller's to flush).</summary>
    public void Complete() => _emitter.Emit(new StreamEnd());

    private void WriteNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteObject(emitter, obj);
                break;
            case JsonArray array:
                WriteArray(emitter, array);
                break;
            case JsonValue value:
                WriteValue(emitter, value);
                break;
            default:
                Plain(emitter, "null");
                break;
        }
    }

    private void WriteObject(IEmitter emitter, JsonObject obj)
    {
        var style = obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block;
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, style));
        foreach (var (key, value) in obj)
        {
            WriteString(emitter, key);
            WriteNode(emitter, value);
        }

        emitter.Emit(new MappingEnd());
    }

    // Like WriteArray, deciding the style (flow for an empty list) from the first item.
    private void WriteItems(Emitter emitter, IEnumerable<JsonNode?> items)
    {
        using var item = items.GetEnumerator();
        var any = item.MoveNext();
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, any ? SequenceStyle.Block : SequenceStyle.Flow));
        for (; any; any = item.MoveNext())
        {
            WriteNode(emitter, item.Current);
        }

        emitter.Emit(new SequenceEnd());
    }

    private void WriteArray(IEmitter emitter, JsonArray array)
    {
        var style = array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, style));
        foreach (var item in array)
        {
            WriteNode(emitter, item);
        }

        emitter.Emit(new SequenceEnd());
    }

    private void WriteValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(emitter, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                Plain(emitter, value.ToJsonString());
                break;
            case JsonValueKind.True:
                Plain(emitter, "true");
                break;
            case JsonValueKind.False:
                Plain(emitter, "false");
                break;
            default:
                Plain(emitter, "null");
                break;
        }
    }

    private void WriteString(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, _styles.For(value), true, true));

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
}
