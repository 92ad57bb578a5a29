using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>Copies a <see cref="JsonElement"/> into mutable nodes, refusing duplicate property names.</summary>
internal static class JsonElementConverter
{
    /// <summary>Converts <paramref name="element"/>, adding an error per duplicate property.</summary>
    public static JsonNode? Convert(JsonElement element, int document, List<ReadError> errors) =>
        Node(element, string.Empty, document, errors);

    private static JsonNode? Node(JsonElement element, string path, int document, List<ReadError> errors) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => Object(element, path, document, errors),
            JsonValueKind.Array => Array(element, path, document, errors),
            JsonValueKind.String => JsonValue.Create(element.GetString()!),
            JsonValueKind.Number => JsonValue.Create(element.Clone()),
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            _ => null,
        };

    private static JsonObject Object(JsonElement element, string path, int document, List<ReadError> errors)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            var childPath = FieldPath.Key(path, property.Name);
            if (result.ContainsKey(property.Name))
            {
                errors.Add(new ReadError(document, null, childPath, $"duplicate key \"{property.Name}\"; remove one of them"));
                continue;
            }

            result[property.Name] = Node(property.Value, childPath, document, errors);
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
}
