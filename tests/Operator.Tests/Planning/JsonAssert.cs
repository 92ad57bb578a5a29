using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Planning;

internal static class JsonAssert
{
    /// <summary>
    /// Every field of <paramref name="expected"/> is in <paramref name="actual"/> with an equal value (null: absent); arrays
    /// have the same length and compare item by item the same way.
    /// </summary>
    public static void Contains(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        if (expected is JsonObject expectedObject)
        {
            var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
            foreach (var (key, value) in expectedObject)
            {
                if (value is null)
                {
                    Assert.False(actualObject.ContainsKey(key) && actualObject[key] is not null, $"{path}.{key} should be absent but is {actualObject[key]?.ToJsonString()}");
                    continue;
                }

                Assert.True(actualObject.ContainsKey(key), $"{path}.{key} is missing in {actual!.ToJsonString()}");
                Contains(value, actualObject[key], $"{path}.{key}");
            }

            return;
        }

        if (expected is JsonArray expectedArray && actual is JsonArray actualArray && expectedArray.Count == actualArray.Count)
        {
            for (var i = 0; i < expectedArray.Count; i++)
            {
                Contains(expectedArray[i], actualArray[i], $"{path}[{i}]");
            }

            return;
        }

        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{path}: expected {expected?.ToJsonString()} but got {actual?.ToJsonString()}");
    }
}
