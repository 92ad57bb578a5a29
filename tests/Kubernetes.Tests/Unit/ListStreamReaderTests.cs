using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class ListStreamReaderTests
{
    private const string List = """
        {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"4711","continue":"abc","remainingItemCount":3},
         "items":[{"metadata":{"name":"a","annotations":{"x":"{[\"}"}},"spec":{"containers":[{"name":"c","args":["]","}"]}]}},
                  {"metadata":{"name":"b"},"status":{"phase":"Running","conditions":[]}}]}
        """;

    [Fact]
    public async Task Items_come_one_by_one_as_whole_objects_with_their_kind_and_the_page_metadata_at_the_end()
    {
        var items = new List<JsonObject>();

        var page = await ListStreamReader.ReadAsync(Stream(List), items.Add);

        var expected = ResourceList.FromJson(JsonNode.Parse(List)!.AsObject());
        Assert.Equal(expected.Items.Select(i => i.ToJsonString()), items.Select(i => i.ToJsonString()));
        Assert.Equal(("4711", "abc", (long?)3), (page.ResourceVersion, page.Continue, page.RemainingItemCount));
        Assert.Equal(("v1", "Pod"), ((string?)items[0]["apiVersion"], (string?)items[0]["kind"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Any_way_the_body_is_cut_into_reads_gives_the_same_items(int readSize)
    {
        var items = new List<string>();

        await ListStreamReader.ReadAsync(Stream(List, readSize), i => items.Add(i.ToJsonString()));

        Assert.Equal(["a", "b"], items.Select(i => (string?)JsonNode.Parse(i)!["metadata"]!["name"]));
    }

    [Fact]
    public async Task An_item_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 3 * 1024 * 1024);
        var list = new JsonObject
        {
            ["kind"] = "SequentialJobList",
            ["apiVersion"] = "kueueleuleu.io/v1alpha1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "9" },
            ["items"] = new JsonArray(new JsonObject { ["spec"] = new JsonObject { ["value"] = big } }, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "small" } }),
        };
        var items = new List<JsonObject>();

        var page = await ListStreamReader.ReadAsync(Stream(list.ToJsonString(), 16 * 1024), items.Add);

        Assert.Equal(2, items.Count);
        Assert.Equal(big, (string?)items[0]["spec"]!["value"]);
        Assert.Equal("SequentialJob", (string?)items[1]["kind"]);
        Assert.Equal("9", page.ResourceVersion);
        Assert.Null(page.Continue);
    }

    [Fact]
    public async Task An_empty_list_has_no_items_and_its_version()
    {
        var items = new List<JsonObject>();

        var page = await ListStreamReader.ReadAsync(Stream("""{"kind":"JobList","apiVersion":"batch/v1","metadata":{"resourceVersion":"1"},"items":[]}"""), items.Add);

        Assert.Empty(items);
        Assert.Equal("1", page.ResourceVersion);
    }

    [Theory]
    [InlineData("""{"kind":"PodList","items":[{"metadata":{"name":"a"}""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_whole_list_object_fails(string body) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => ListStreamReader.ReadAsync(Stream(body), _ => { }));

    private static ChunkedStream Stream(string text, int readSize = int.MaxValue) => new ChunkedStream(Encoding.UTF8.GetBytes(text), readSize);

    /// <summary>Hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class ChunkedStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
