using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Runtime;

namespace Kueueleuleu.Operator.Tests.Runtime;

public sealed class SharedJsonTests
{
    [Fact]
    public void A_compact_copy_is_equal_and_independent_of_the_original()
    {
        var original = JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x":"1"}},"spec":{"containers":[{"name":"s","args":["run","--"]}]},"n":1.5,"b":true,"z":null}""")!.AsObject();

        var copy = SharedJson.Compact(original);
        original["metadata"]!["name"] = "changed";

        Assert.NotSame(original, copy);
        Assert.Equal("a", (string?)copy["metadata"]!["name"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x":"1"}},"spec":{"containers":[{"name":"s","args":["run","--"]}]},"n":1.5,"b":true,"z":null}"""), copy));
    }
}
