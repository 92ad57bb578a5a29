using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class StoredObjectTests
{
    private const string Text = """{"metadata":{"name":"a","namespace":"ns","resourceVersion":"7","labels":{"x":"build-1"}},"spec":{"containers":[{"name":"s","args":["run","--"]}]},"n":1.5,"b":true,"z":null}""";

    [Fact]
    public void Keeps_the_content_and_hands_out_independent_trees()
    {
        var original = JsonNode.Parse(Text)!.AsObject();

        var stored = StoredObject.From(original);
        original["metadata"]!["name"] = "changed";
        var first = stored.Parse();
        first["spec"] = null;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Text), stored.Parse()));
        Assert.NotSame(stored.Parse(), stored.Parse());
        Assert.Equal(Encoding.UTF8.GetByteCount(JsonNode.Parse(Text)!.ToJsonString()), stored.Size);
    }

    [Fact]
    public void Reads_the_key_and_resource_version()
    {
        var stored = StoredObject.From(JsonNode.Parse(Text)!.AsObject());
        var clusterScoped = StoredObject.From(JsonNode.Parse("""{"metadata":{"name":"node-1"}}""")!.AsObject());

        Assert.Equal(("ns", "a", "7", "ns/a"), (stored.Namespace, stored.Name, stored.ResourceVersion, stored.Key));
        Assert.Equal((null, "node-1", null, "node-1"), (clusterScoped.Namespace, clusterScoped.Name, clusterScoped.ResourceVersion, clusterScoped.Key));
        Assert.Throws<ArgumentException>(() => StoredObject.From(JsonNode.Parse("""{"metadata":{}}""")!.AsObject()));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a","namespace":"ns"}}""")]
    [InlineData("""{"metadata":{"name":"node-1","namespace":""}}""")]
    [InlineData("""{"metadata":{"name":"node-1"}}""")]
    public void The_store_key_is_the_object_key_a_controller_uses(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();

        var stored = StoredObject.From(obj);
        var key = ObjectKey.Of(obj);

        Assert.Equal(key.ToString(), stored.Key);
        Assert.Equal(key.NamespaceOrNull, stored.Namespace);
        Assert.Equal(key, new ObjectKey(stored.Namespace ?? "", stored.Name));
    }

    [Fact]
    public void Finds_whole_string_values_only()
    {
        var stored = StoredObject.From(JsonNode.Parse(Text)!.AsObject());

        Assert.True(stored.Contains(StoredObject.QuotedText("build-1")));
        Assert.False(stored.Contains(StoredObject.QuotedText("build")));
        Assert.False(stored.Contains(StoredObject.QuotedText("uid-1")));
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a+b")]
    [InlineData("é")]
    [InlineData("<tag>")]
    public void Gives_no_shortcut_for_values_that_json_escapes(string value) => Assert.Null(StoredObject.QuotedText(value));
}
