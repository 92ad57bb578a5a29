using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes JSON trees as a YAML stream: block style, 2-space indentation, keys in their order, <c>---</c> between
/// documents, numbers as their exact JSON text, empty mappings and sequences as <c>{}</c> and <c>[]</c>, and
/// strings in the style <see cref="ScalarStyleChooser"/> picks.
/// </summary>
public static class YamlWriter
{
    /// <summary>Writes <paramref name="documents"/> as one YAML stream.</summary>
    public static string Write(IEnumerable<JsonNode?> documents)
    {
        using var text = new StringWriter { NewLine = "\n" };
        // No line folding (bestWidth) so long strings stay on one line and output is easy to diff.
        var settings = new EmitterSettings(2, int.MaxValue, false, 1024, newLine: "\n");
        var emitter = new Emitter(text, settings);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            WriteNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void WriteNode(IEmitter emitter, JsonNode? node)
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

    private static void WriteObject(IEmitter emitter, JsonObject obj)
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

    private static void WriteArray(IEmitter emitter, JsonArray array)
    {
        var style = array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, style));
        foreach (var item in array)
        {
            WriteNode(emitter, item);
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void WriteValue(IEmitter emitter, JsonValue value)
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

    private static void WriteString(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyleChooser.For(value), true, true));

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
}
