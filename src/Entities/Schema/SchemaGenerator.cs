using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities.Schema;

/// <summary>
/// Builds the OpenAPI v3 schema of a C# type by reflection: public properties named by their
/// <see cref="JsonPropertyNameAttribute"/>, constrained by the attributes of this namespace. The result is a
/// structural schema: every node has a type, objects that keep unknown fields say so. Pure and deterministic:
/// properties are sorted by name and keys come in a fixed order.
/// </summary>
[RequiresUnreferencedCode(SchemaGenerator.ReflectionOnly)]
[RequiresDynamicCode(SchemaGenerator.ReflectionOnly)]
public static class SchemaGenerator
{
    /// <summary>Why the generator is reflection-based: it runs at development time (tools/CrdGen), never in the operator.</summary>
    internal const string ReflectionOnly = "reads the entity types by reflection; for tools/CrdGen and tests, not for trimmed or AOT code";

    /// <summary>Builds the schema of <paramref name="type"/>.</summary>
    /// <param name="type">A class, enum, string, integer, boolean, time, list or <see cref="JsonObject"/>.</param>
    /// <returns>A new schema node.</returns>
    public static JsonObject ForType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SchemaKeyOrder.Sort(TypeSchema(type));
    }

    /// <summary>The JSON name of a property: its <see cref="JsonPropertyNameAttribute"/>, which every schema property must have.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The name written in JSON and in the schema.</returns>
    public static string JsonName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        // Demanding the attribute keeps the CRD independent of serializer naming policies.
        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? throw new InvalidOperationException(
                $"{property.DeclaringType?.Name}.{property.Name} has no [JsonPropertyName]; add one so its name in the CRD is explicit");
    }

    /// <summary>The properties of a class that appear in its schema, in JSON-name order.</summary>
    /// <param name="type">The class.</param>
    /// <returns>The properties that are neither ignored nor extension data.</returns>
    public static IReadOnlyList<PropertyInfo> SchemaProperties(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Where(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .OrderBy(JsonName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The JSON values of an enum's members: their <see cref="JsonStringEnumMemberNameAttribute"/> or name.</summary>
    /// <param name="enumType">The enum type.</param>
    /// <returns>The values in declaration order.</returns>
    public static IReadOnlyList<string> EnumValues(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToList();
    }

    private static JsonObject TypeSchema(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var schema = Scalar(underlying) ?? Composite(underlying);
        ApplyTypeAttributes(schema, underlying);
        return schema;
    }

    private static JsonObject? Scalar(Type type)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = Strings(EnumValues(type)) };
        }

        return null;
    }

    private static JsonObject Composite(Type type)
    {
        if (type == typeof(JsonObject))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        if (MapValueType(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema(value) };
        }

        var item = ItemType(type);
        if (item is not null)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(item) };
        }

        if (type.IsClass && type != typeof(object))
        {
            return ObjectSchema(type);
        }

        throw new NotSupportedException($"{type.Name} has no schema mapping; use a class, enum, string, int, long, bool, DateTimeOffset, list, string-keyed map or JsonObject");
    }

    /// <summary>The value type of a map with string keys (<c>IDictionary&lt;string, T&gt;</c> and kin), else null.</summary>
    private static Type? MapValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        var isMap = definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(SortedDictionary<,>);
        return isMap && arguments[0] == typeof(string) ? arguments[1] : null;
    }

    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static JsonObject ObjectSchema(Type type)
    {
        var schema = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in SchemaProperties(type))
        {
            var name = JsonName(property);
            var node = TypeSchema(property.PropertyType);
            ApplyPropertyAttributes(node, property);
            properties[name] = node;
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        if (properties.Count > 0)
        {
            schema["properties"] = properties;
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        var keepsUnknown = type.GetProperties().Any(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null);
        if (keepsUnknown)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        return schema;
    }

    private static void ApplyTypeAttributes(JsonObject schema, Type type)
    {
        Set(schema, "description", type.GetCustomAttribute<DescriptionAttribute>()?.Text);
        if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
    }

    private static void ApplyPropertyAttributes(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<ObjectMetaAttribute>() is not null)
        {
            // The API server supplies ObjectMeta's schema; a CRD may only say it is an object.
            schema.Clear();
            schema["type"] = "object";
            return;
        }

        // A field's own description says more about its role than its type's generic one, so it wins.
        Set(schema, "description", property.GetCustomAttribute<DescriptionAttribute>()?.Text);
        Set(schema, "pattern", property.GetCustomAttribute<PatternAttribute>()?.Regex);
        Set(schema, "minLength", property.GetCustomAttribute<MinLengthAttribute>()?.Length);
        Set(schema, "maxLength", property.GetCustomAttribute<MaxLengthAttribute>()?.Length);
        Set(schema, "minimum", property.GetCustomAttribute<MinimumAttribute>()?.Value);
        Set(schema, "maximum", property.GetCustomAttribute<MaximumAttribute>()?.Value);
        Set(schema, "minItems", property.GetCustomAttribute<MinItemsAttribute>()?.Count);
        Set(schema, "maxItems", property.GetCustomAttribute<MaxItemsAttribute>()?.Count);
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            schema["enum"] = Strings(values.Values);
        }

        if (property.GetCustomAttribute<DefaultAttribute>() is { } fallback)
        {
            schema["default"] = JsonNode.Parse(fallback.Json);
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        ApplyListAttributes(schema, property);
        AddRules(schema, property.GetCustomAttributes<CelRuleAttribute>());
    }

    private static void ApplyListAttributes(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<ListTypeAttribute>() is { } list)
        {
            schema["x-kubernetes-list-type"] = list.Type;
            if (list.Keys.Count > 0)
            {
                schema["x-kubernetes-list-map-keys"] = Strings(list.Keys);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Set(items, "pattern", property.GetCustomAttribute<ItemPatternAttribute>()?.Regex);
            Set(items, "maxLength", property.GetCustomAttribute<ItemMaxLengthAttribute>()?.Length);
        }
    }

    private static void AddRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var list = rules.Select(r => (JsonNode)new JsonObject { ["rule"] = r.Rule, ["message"] = r.Message }).ToArray();
        if (list.Length == 0)
        {
            return;
        }

        var existing = schema["x-kubernetes-validations"] as JsonArray ?? [];
        foreach (var rule in list)
        {
            existing.Add(rule);
        }

        schema["x-kubernetes-validations"] = existing;
    }

    private static void Set<T>(JsonObject schema, string key, T? value)
    {
        if (value is not null)
        {
            schema[key] = JsonSerializer.SerializeToNode(value);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];
}
