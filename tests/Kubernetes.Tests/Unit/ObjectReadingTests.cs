using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

/// <summary>The one lenient reader of API objects: a missing or mistyped field reads as nothing, never as an exception.</summary>
public sealed class ObjectReadingTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Reads_fields_of_each_kind_at_a_path()
    {
        var obj = Parse("""{"metadata":{"name":"a","generation":3,"labels":{"x":"y"}},"spec":{"suspend":true},"status":{"startTime":"2026-11-23T08:01:08Z","items":[{"n":1},2,{"n":3}]}}""");

        Assert.Equal("a", JsonRead.Text(obj, "metadata", "name"));
        Assert.Equal(3, JsonRead.Whole(obj, "metadata", "generation"));
        Assert.True(JsonRead.Bool(obj, "spec", "suspend"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 1, 8, TimeSpan.Zero), JsonRead.Time(obj, "status", "startTime"));
        Assert.Equal(2, JsonRead.Objects(obj, "status", "items").Count());
        Assert.Equal("y", ObjectMetadata.Label(obj, "x"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"metadata":[]}""")]
    [InlineData("""{"metadata":"text"}""")]
    [InlineData("""{"metadata":{"name":3,"namespace":null,"uid":{},"labels":[],"ownerReferences":{}}}""")]
    public void Mistyped_metadata_reads_as_absent(string json)
    {
        var obj = Parse(json);

        Assert.Null(ObjectMetadata.Name(obj));
        Assert.Null(ObjectMetadata.Namespace(obj));
        Assert.Null(ObjectMetadata.Uid(obj));
        Assert.Null(ObjectMetadata.Label(obj, "x"));
        Assert.Null(ObjectMetadata.ControllerOf(obj));
        Assert.Throws<ArgumentException>(() => ObjectKey.Of(obj));
    }

    [Fact]
    public void The_controller_is_the_first_reference_marked_controller()
    {
        var obj = Parse("""
            {"metadata":{"ownerReferences":[
              {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"1"},
              {"apiVersion":"batch/v1","kind":"Job","name":"j","uid":"2","controller":true},
              {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"r","uid":"3","controller":true}]}}
            """);

        Assert.Equal(new OwnerReference("batch/v1", "Job", "j", "2"), ObjectMetadata.ControllerOf(obj));
        Assert.Equal("batch", ObjectMetadata.ControllerOf(obj)!.Group);
    }
}
