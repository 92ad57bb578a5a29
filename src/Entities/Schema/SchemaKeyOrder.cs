using System.Text.Json.Nodes;

namespace Kueueleuleu.Entities.Schema;

/// <summary>
/// Puts the keys of every schema node in one fixed order (description first, then type and constraints, then
/// children, then Kubernetes extensions), so the generated YAML reads well and never changes by accident.
/// </summary>
internal static class SchemaKeyOrder
{
    private static readonly string[] Order =
    [
        "description", "type", "format", "default", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "items", "properties", "required",
        "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-validations",
    ];

    /// <summary>Returns a copy of <paramref name="schema"/> with its keys, and its children's, in order.</summary>
    public static JsonObject Sort(JsonObject schema)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in schema.OrderBy(Rank).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[key] = key switch
            {
                "properties" => SortProperties((JsonObject)value!),
                "items" => Sort((JsonObject)value!),
                _ => value?.DeepClone(),
            };
        }

        return sorted;
    }

    private static JsonObject SortProperties(JsonObject properties)
    {
        var sorted = new JsonObject();
        foreach (var (name, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[name] = Sort((JsonObject)value!);
        }

        return sorted;
    }

    private static int Rank(KeyValuePair<string, JsonNode?> pair)
    {
        var index = Array.IndexOf(Order, pair.Key);
        return index < 0 ? Order.Length : index;
    }
}
