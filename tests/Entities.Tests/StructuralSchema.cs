using System.Text.Json.Nodes;

namespace Kueueleuleu.Entities.Tests;

/// <summary>
/// The rules of a structural schema (Kubernetes "Specifying a structural schema") and the apiextensions/v1
/// restrictions around them, as a checker returning one message per violation.
/// </summary>
internal static class StructuralSchema
{
    private static readonly HashSet<string> KnownKeys =
    [
        "description", "type", "format", "default", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "items", "properties", "additionalProperties", "required", "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
    ];

    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];

    public static IReadOnlyList<string> Violations(JsonObject root)
    {
        var violations = new List<string>();
        if ((string?)root["type"] != "object")
        {
            violations.Add("root: type must be object");
        }

        if (root["properties"]?["metadata"] is JsonObject metadata && (metadata.Count != 1 || (string?)metadata["type"] != "object"))
        {
            violations.Add("metadata: only `type: object` is allowed");
        }

        Visit(root, "", violations);
        return violations;
    }

    /// <summary>Every node of the schema with its path, the root first.</summary>
    public static IEnumerable<(string Path, JsonObject Node)> Nodes(JsonObject node, string path = "")
    {
        yield return (path, node);
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                foreach (var nested in Nodes((JsonObject)child!, $"{path}.{name}"))
                {
                    yield return nested;
                }
            }
        }

        if (node["items"] is JsonObject items)
        {
            foreach (var nested in Nodes(items, $"{path}[]"))
            {
                yield return nested;
            }
        }

        if (node["additionalProperties"] is JsonObject values)
        {
            foreach (var nested in Nodes(values, $"{path}[*]"))
            {
                yield return nested;
            }
        }
    }

    private static void Visit(JsonObject root, string rootPath, List<string> violations)
    {
        foreach (var (path, node) in Nodes(root, rootPath))
        {
            var where = path.Length == 0 ? "root" : path;
            foreach (var (key, _) in node)
            {
                if (!KnownKeys.Contains(key))
                {
                    violations.Add($"{where}: {key} is not a key this CRD should use");
                }
            }

            CheckType(node, where, violations);
            CheckObject(node, where, violations);
            CheckList(node, where, violations);
        }
    }

    private static void CheckType(JsonObject node, string where, List<string> violations)
    {
        var type = (string?)node["type"];
        var preserves = node["x-kubernetes-preserve-unknown-fields"] is JsonValue flag && (bool)flag;
        if (type is null && !preserves)
        {
            violations.Add($"{where}: has neither type nor x-kubernetes-preserve-unknown-fields");
        }

        if (type is not null && !Types.Contains(type))
        {
            violations.Add($"{where}: type {type} is not an OpenAPI type");
        }

        if (node["x-kubernetes-preserve-unknown-fields"] is JsonValue value && !(bool)value)
        {
            violations.Add($"{where}: x-kubernetes-preserve-unknown-fields must be true or absent");
        }

        if (type == "array" && node["items"] is null)
        {
            violations.Add($"{where}: an array must have items");
        }

        if (type != "array" && (node["items"] is not null || node["minItems"] is not null || node["maxItems"] is not null))
        {
            violations.Add($"{where}: items constraints on a {type}");
        }

        if (type != "object" && (node["properties"] is not null || node["additionalProperties"] is not null || preserves))
        {
            violations.Add($"{where}: properties, additionalProperties or preserve-unknown-fields on a {type}");
        }

        if (node["properties"] is not null && node["additionalProperties"] is not null)
        {
            violations.Add($"{where}: properties and additionalProperties are mutually exclusive");
        }
    }

    private static void CheckObject(JsonObject node, string where, List<string> violations)
    {
        if (node["required"] is not JsonArray required)
        {
            return;
        }

        var properties = node["properties"] as JsonObject;
        foreach (var name in required.Select(r => (string)r!))
        {
            if (properties?.ContainsKey(name) != true)
            {
                violations.Add($"{where}: required field {name} is not among the properties");
            }
        }
    }

    private static void CheckList(JsonObject node, string where, List<string> violations)
    {
        var listType = (string?)node["x-kubernetes-list-type"];
        var keys = node["x-kubernetes-list-map-keys"] as JsonArray;
        var items = node["items"] as JsonObject;
        if (keys is not null && listType != "map")
        {
            violations.Add($"{where}: list-map-keys without list-type map");
        }

        if (listType == "set" && (string?)items?["type"] is "object" or "array")
        {
            violations.Add($"{where}: a set must hold scalars");
        }

        if (listType != "map")
        {
            return;
        }

        if (keys is null || keys.Count == 0)
        {
            violations.Add($"{where}: list-type map needs list-map-keys");
            return;
        }

        var required = (items?["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet() ?? [];
        foreach (var key in keys.Select(k => (string)k!))
        {
            var keyType = (string?)items?["properties"]?[key]?["type"];
            if (!required.Contains(key) || keyType is "object" or "array" or null)
            {
                violations.Add($"{where}: map key {key} must be a required scalar field of the items");
            }
        }
    }
}
