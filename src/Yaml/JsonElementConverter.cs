using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Copies a <see cref="JsonElement"/> into mutable nodes, refusing duplicate property names and strings that are
/// not Unicode text (a <c>\u</c> escape of half a surrogate pair).
/// </summary>
internal static class JsonElementConverter
{
    /// <summary>Converts <paramref name="element"/>, adding an error per duplicate property or broken string.</summary>
    public static JsonNode? Convert(JsonElement element, int document, List<ReadError> errors) =>
        Node(element, string.Empty, document, errors);

    /// <summary>
    /// Converts a <c>v1 List</c> without its items (an empty array keeps their place), adding an error per duplicate
    /// property or broken string; the items are left to <see cref="Item"/>.
    /// </summary>
    public static JsonObject Header(JsonElement list, int document, List<ReadError> errors) =>
        Object(list, string.Empty, document, errors, skipItems: true);

    /// <summary>Converts item <paramref name="index"/> of a List.</summary>
    public static JsonNode? Item(JsonElement item, int index, int document, List<ReadError> errors) =>
        Node(item, FieldPath.Index(ListShape.ItemsKey, index), document, errors);

    private static JsonNode? Node(JsonElement element, string path, int document, List<ReadError> errors) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => Object(element, path, document, errors),
            JsonValueKind.Array => Array(element, path, document, errors),
            JsonValueKind.String => Text(element, path, document, errors) is { } text ? JsonValue.Create(text) : null,
            JsonValueKind.Number => JsonValue.Create(element.Clone()),
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            _ => null,
        };

    private static JsonObject Object(JsonElement element, string path, int document, List<ReadError> errors, bool skipItems = false)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            if (Name(property, path, document, errors) is not { } name)
            {
                continue;
            }

            var childPath = FieldPath.Key(path, name);
            if (result.ContainsKey(name))
            {
                errors.Add(new ReadError(document, null, childPath, $"duplicate key \"{name}\"; remove one of them"));
                continue;
            }

            result[name] = skipItems && name == ListShape.ItemsKey ? new JsonArray() : Node(property.Value, childPath, document, errors);
        }

        return result;
    }

    private static JsonArray Array(JsonElement element, string path, int document, List<ReadError> errors)
    {
        var result = new JsonArray();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            result.Add(Node(item, FieldPath.Index(path, index++), document, errors));
        }

        return result;
    }

    // System.Text.Json refuses to decode a lone surrogate escape ("\udc00") only when the string is read, and with an
    // InvalidOperationException; here it becomes an error naming the field, like any other bad value.
    private static string? Text(JsonElement element, string path, int document, List<ReadError> errors)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(new ReadError(document, null, path.Length == 0 ? null : path, LoneSurrogate("string", element.GetRawText())));
            return null;
        }
    }

    private static string? Name(JsonProperty property, string path, int document, List<ReadError> errors)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new ReadError(document, null, path.Length == 0 ? null : path, LoneSurrogate("key", null)));
            return null;
        }
    }

    private static string LoneSurrogate(string what, string? rawText)
    {
        var shown = rawText is null ? string.Empty : " " + (rawText.Length <= 40 ? rawText : rawText[..37] + "...");
        return $"a {what}{shown} holds a \\u escape of half a UTF-16 surrogate pair, which is no character; write the character itself, or both halves of the pair";
    }
}
