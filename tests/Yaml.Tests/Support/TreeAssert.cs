using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml.Tests.Support;

/// <summary>
/// Strict tree equality: same kinds, same key order, same strings and the same number text (stricter than
/// <see cref="JsonNode.DeepEquals"/>, which calls 1.0 and 1 equal).
/// </summary>
internal static class TreeAssert
{
    public static void Identical(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject obj:
                var other = Assert.IsType<JsonObject>(actual, exactMatch: false);
                Assert.True(obj.Select(p => p.Key).SequenceEqual(other.Select(p => p.Key)),
                    $"{path}: keys differ: [{string.Join(",", obj.Select(p => p.Key))}] vs [{string.Join(",", other.Select(p => p.Key))}]");
                foreach (var (key, value) in obj)
                {
                    Identical(value, other[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var otherArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(array.Count == otherArray.Count, $"{path}: {array.Count} items vs {otherArray.Count}");
                for (var i = 0; i < array.Count; i++)
                {
                    Identical(array[i], otherArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(actual is JsonValue, $"{path}: expected a value, got {actual?.ToJsonString() ?? "null"}");
                Assert.True(expected.GetValueKind() == actual!.GetValueKind(), $"{path}: {expected.GetValueKind()} vs {actual.GetValueKind()}");
                Assert.True(expected.ToJsonString() == actual.ToJsonString(), $"{path}: {expected.ToJsonString()} vs {actual.ToJsonString()}");
                break;
        }
    }

    public static bool IsString(JsonNode? node, string text) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == text;
}
