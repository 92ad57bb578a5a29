using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Objects;

/// <summary>
/// Tolerant readers for fields of API objects: a missing or mistyped field reads as <see langword="null"/>, never as an
/// exception, because the operator's planner, the controller runtime and the CLI must cope with whatever the server or
/// the caches hold, and the converter must report a mistyped field of a user's manifest instead of failing on it. The one
/// way to read a field of an untyped object, in a project of its own so that the converter (which references nothing
/// else) and the client share it; the client's <c>ObjectMetadata</c> names the <c>metadata</c> fields on top of it.
/// <c>JsonObject</c> stays only where fields must pass through untouched.
/// </summary>
public static class JsonRead
{
    /// <summary>The node at a path of property names, or <see langword="null"/>.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The node.</returns>
    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = (node as JsonObject)?[name];
        }

        return node;
    }

    /// <summary>The string at a path.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The string, or <see langword="null"/> when absent or not a string.</returns>
    public static string? Text(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The whole number at a path.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The integer, or <see langword="null"/> when absent or not an integer.</returns>
    public static long? Whole(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number
            : null;

    /// <summary>The boolean at a path.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The boolean, or <see langword="null"/> when absent or not a boolean.</returns>
    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : null;

    /// <summary>The RFC 3339 time at a path.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The time, or <see langword="null"/> when absent or not a time.</returns>
    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) =>
        Text(node, path) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;

    /// <summary>The objects of the array at a path; empty when absent.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The objects (items that are not objects are skipped).</returns>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, params ReadOnlySpan<string> path) =>
        (At(node, path) as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The strings of the array at a path, or <see langword="null"/> when it is not an array of strings only.</summary>
    /// <param name="node">The object (or any node) to read from.</param>
    /// <param name="path">The property names, outermost first.</param>
    /// <returns>The strings.</returns>
    public static IReadOnlyList<string>? Texts(JsonNode? node, params ReadOnlySpan<string> path)
    {
        if (At(node, path) is not JsonArray array)
        {
            return null;
        }

        var texts = array.Select(item => Text(item)).ToList();
        return texts.Any(t => t is null) ? null : texts.Select(t => t!).ToList();
    }

    /// <summary>Whether a node is an array holding exactly <paramref name="expected"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="expected">The strings, in order.</param>
    /// <returns>Whether it holds them.</returns>
    public static bool IsTexts(JsonNode? node, IReadOnlyList<string> expected) =>
        Texts(node) is { } texts && texts.SequenceEqual(expected, StringComparer.Ordinal);

    /// <summary>A node's kind or value, for error messages about a mistyped field.</summary>
    /// <param name="node">The node.</param>
    /// <returns><c>null</c>, <c>an object</c>, <c>an array</c>, or the value as JSON.</returns>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };
}
