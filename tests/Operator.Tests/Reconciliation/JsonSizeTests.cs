using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Reconciliation;

namespace Kueueleuleu.Operator.Tests.Reconciliation;

public sealed class JsonSizeTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":[1,2.5,true,null,"x"],"b":{"c":"<\"é\u0001>"}}""")]
    public void The_size_is_the_length_of_the_compact_utf8_text(string json)
    {
        var node = JsonNode.Parse(json)!;

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonSize.Of(node));
    }

    [Fact]
    public void A_value_larger_than_the_scratch_buffer_is_counted_whole()
    {
        var node = new JsonObject { ["spec"] = new JsonObject { ["value"] = new string('x', 3 * 1024 * 1024) + "\"\n" } };

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonSize.Of(node));
    }

    [Fact]
    public void The_sequential_job_fixture_is_counted_like_its_text()
    {
        var node = World.SequentialJob();

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonSize.Of(node));
    }
}
