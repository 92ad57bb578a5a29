using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Converter;

/// <summary>Small, non-throwing readers over JSON nodes.</summary>
internal static class JsonText
{
    /// <summary>The string held by a node, or <see langword="null"/> when it is not a JSON string.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The strings of an array, or <see langword="null"/> when it is not an array of strings only.</summary>
    public static IReadOnlyList<string>? Strings(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return null;
        }

        var texts = array.Select(String).ToList();
        return texts.Any(t => t is null) ? null : texts.Select(t => t!).ToList();
    }

    /// <summary>Whether a node is an array holding exactly <paramref name="expected"/>.</summary>
    public static bool IsStrings(JsonNode? node, IReadOnlyList<string> expected) =>
        Strings(node) is { } texts && texts.SequenceEqual(expected, StringComparer.Ordinal);

    /// <summary>Describes a node's kind for error messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };
}
