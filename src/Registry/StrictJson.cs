using System.Text.Json;

namespace Kueueleuleu.Registry;

/// <summary>
/// Reads fields of registry documents strictly: a field of the wrong type is an error naming its path, never a silent
/// <see langword="null"/>, because a manifest or config that does not say what it should is a bad response the user must
/// hear about. Names match as Go's encoding/json matches them (exact first, then ignoring case), since the registries,
/// containerd and the kubelet that read the same documents are written in Go.
/// </summary>
internal static class StrictJson
{
    /// <summary>Parses a document, reporting malformed JSON as a <see cref="DocumentFormatException"/>.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> content)
    {
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new DocumentFormatException($"it is not valid JSON ({exception.Message})");
        }
    }

    public static JsonElement RequireObject(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new DocumentFormatException($"{Describe(path)} is {Kind(element)}, not an object");

    public static JsonElement? Field(JsonElement obj, string name)
    {
        if (obj.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    public static string? OptionalString(JsonElement obj, string name, string path) =>
        Field(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            var value => throw new DocumentFormatException($"{Join(path, name)} is {Kind(value.Value)}, not a string"),
        };

    public static string RequireString(JsonElement obj, string name, string path) =>
        OptionalString(obj, name, path) is { Length: > 0 } text
            ? text
            : throw new DocumentFormatException($"{Join(path, name)} is missing");

    public static long? OptionalWhole(JsonElement obj, string name, string path) =>
        Field(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
            var value => throw new DocumentFormatException($"{Join(path, name)} is {Kind(value.Value)}, not a whole number"),
        };

    public static JsonElement? OptionalObject(JsonElement obj, string name, string path) =>
        Field(obj, name) is { } value ? RequireObject(value, Join(path, name)) : null;

    public static IReadOnlyList<JsonElement> RequireArray(JsonElement obj, string name, string path) =>
        Field(obj, name) switch
        {
            null => throw new DocumentFormatException($"{Join(path, name)} is missing"),
            { ValueKind: JsonValueKind.Array } value => [.. value.EnumerateArray()],
            var value => throw new DocumentFormatException($"{Join(path, name)} is {Kind(value.Value)}, not an array"),
        };

    /// <summary>An array of strings; <see langword="null"/> when absent or JSON null (which differs from an empty array).</summary>
    public static IReadOnlyList<string>? OptionalStrings(JsonElement obj, string name, string path)
    {
        if (Field(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new DocumentFormatException($"{Join(path, name)} is {Kind(value)}, not an array of strings");
        }

        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    private static string Describe(string path) => path.Length == 0 ? "the document" : path;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String) ? "an array with non-string items" : "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
