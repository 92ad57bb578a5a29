using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Tolerant readers for fields of API objects: a missing or mistyped field reads as <see langword="null"/>, never as an
/// exception, because the planner must cope with whatever the caches hold.
/// </summary>
internal static class JsonRead
{
    /// <summary>The node at a path of property names, or <see langword="null"/>.</summary>
    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = (node as JsonObject)?[name];
        }

        return node;
    }

    /// <summary>The string at a path.</summary>
    public static string? String(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The integer at a path.</summary>
    public static long? Long(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number
            : null;

    /// <summary>The boolean at a path.</summary>
    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : null;

    /// <summary>The RFC 3339 time at a path.</summary>
    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) =>
        String(node, path) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;

    /// <summary>The objects of the array at a path; empty when absent.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, params ReadOnlySpan<string> path) =>
        (At(node, path) as JsonArray ?? []).OfType<JsonObject>();
}
