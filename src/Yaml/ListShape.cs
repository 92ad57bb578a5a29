using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>What makes a document a <c>v1 List</c> whose items can be read one at a time.</summary>
internal static class ListShape
{
    /// <summary>The field holding the items.</summary>
    public const string ItemsKey = "items";

    /// <summary>True for <c>apiVersion: v1</c> and <c>kind: List</c>, as the converter decides.</summary>
    public static bool IsList(JsonObject header) => Text(header["apiVersion"]) == "v1" && Text(header["kind"]) == "List";

    /// <summary>The same test on a JSON element.</summary>
    public static bool IsList(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("apiVersion", out var apiVersion) && apiVersion.ValueKind == JsonValueKind.String && apiVersion.ValueEquals("v1")
        && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.ValueEquals("List")
        && root.TryGetProperty(ItemsKey, out var items) && items.ValueKind == JsonValueKind.Array;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
