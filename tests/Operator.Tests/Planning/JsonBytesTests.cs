using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

public sealed class JsonBytesTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":[1,2.5,true,null,"x"],"b":{"c":"<\"é\u0001>"}}""")]
    public void The_size_is_the_length_of_the_compact_utf8_text(string json)
    {
        var node = JsonNode.Parse(json)!;

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonBytes.Count(node));
    }

    [Fact]
    public void A_value_larger_than_the_scratch_buffer_is_counted_whole()
    {
        var node = new JsonObject { ["spec"] = new JsonObject { ["value"] = new string('x', 3 * 1024 * 1024) + "\"\n" } };

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonBytes.Count(node));
    }

    [Fact]
    public void The_canonical_hash_is_the_sha256_of_the_sorted_compact_text_at_any_size()
    {
        var small = World.SequentialJob();
        var large = new JsonObject { ["z"] = 1, ["value"] = new string('y', 2 * 1024 * 1024) };

        foreach (var node in new JsonNode[] { small, large })
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Sort(node)!.ToJsonString())))[..16];
            Assert.Equal(expected, CanonicalJson.Hash(node, 16));
        }
    }

    [Fact]
    public void The_fingerprint_leaves_the_live_fields_out()
    {
        var spec = World.SequentialJob()["spec"]!.AsObject();
        var edited = spec.DeepClone().AsObject();
        edited["suspend"] = true;
        edited["ttlSecondsAfterFinished"] = 5;
        edited["retention"] = new JsonObject { ["ttlSecondsAfterFinished"] = 1 };
        var changed = spec.DeepClone().AsObject();
        changed["backoffLimit"] = 5;

        Assert.Equal(SpecFingerprint.Of(spec), SpecFingerprint.Of(edited));
        Assert.NotEqual(SpecFingerprint.Of(spec), SpecFingerprint.Of(changed));
    }

    [Fact]
    public void The_sequential_job_fixture_is_counted_like_its_text()
    {
        var node = World.SequentialJob();

        Assert.Equal(Encoding.UTF8.GetByteCount(node.ToJsonString()), JsonBytes.Count(node));
    }
}
