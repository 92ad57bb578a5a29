using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Commands;

/// <summary>Names an object for error messages: <c>Job default/build</c>, <c>Pod build</c>, <c>ConfigMap &lt;unnamed&gt;</c>.</summary>
internal static class ObjectLabel
{
    /// <summary>The label of <paramref name="document"/>.</summary>
    public static string For(JsonObject document)
    {
        var kind = Text(document["kind"]) ?? "<no kind>";
        var metadata = document["metadata"] as JsonObject;
        var name = Text(metadata?["name"]) ?? Generated(metadata) ?? "<unnamed>";
        var ns = Text(metadata?["namespace"]);
        return ns is null ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    private static string? Generated(JsonObject? metadata) =>
        Text(metadata?["generateName"]) is { } prefix ? prefix + "*" : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
