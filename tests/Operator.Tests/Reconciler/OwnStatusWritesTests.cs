using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Reconciler;

namespace Kueueleuleu.Operator.Tests.Reconciler;

public sealed class OwnStatusWritesTests
{
    private static readonly ObjectKey Key = new("ns", "build");

    [Fact]
    public void While_the_cache_holds_the_replaced_version_the_written_object_stands_in()
    {
        var writes = new OwnStatusWrites();
        var v1 = Version("1", "Pending");
        var v2 = Version("2", "Running");

        writes.Remember(v1, v2);

        Assert.Same(v2, writes.Current(Key, v1));
        Assert.Same(v2, writes.Current(Key, Version("1", "Pending")));
        Assert.Equal(1, writes.Count);
    }

    [Fact]
    public void Once_the_cache_shows_the_written_version_the_cache_is_read_again()
    {
        var writes = new OwnStatusWrites();
        writes.Remember(Version("1", "Pending"), Version("2", "Running"));
        var cached = Version("2", "Running");

        Assert.Same(cached, writes.Current(Key, cached));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public void A_later_version_written_by_someone_else_wins()
    {
        var writes = new OwnStatusWrites();
        writes.Remember(Version("1", "Pending"), Version("2", "Running"));
        var edited = Version("3", "Running");

        Assert.Same(edited, writes.Current(Key, edited));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public void Other_keys_read_the_cache()
    {
        var writes = new OwnStatusWrites();
        writes.Remember(Version("1", "Pending"), Version("2", "Running"));
        var other = Version("1", "Pending");

        Assert.Same(other, writes.Current(new ObjectKey("ns", "other"), other));
    }

    [Fact]
    public void The_cache_moving_on_or_deleting_forgets_the_write_and_a_resent_old_version_does_not()
    {
        var writes = new OwnStatusWrites();
        var v1 = Version("1", "Pending");
        writes.Remember(v1, Version("2", "Running"));

        writes.Observe(new InformerEvent(InformerEventType.Updated, v1, Version("1", "Pending")));
        Assert.Equal(1, writes.Count);

        writes.Observe(new InformerEvent(InformerEventType.Updated, v1, Version("2", "Running")));
        Assert.Equal(0, writes.Count);

        writes.Remember(Version("2", "Running"), Version("3", "Succeeded"));
        writes.Observe(new InformerEvent(InformerEventType.Deleted, Version("2", "Running"), null));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public void The_remembered_object_has_no_managed_fields()
    {
        var writes = new OwnStatusWrites();
        var written = Version("2", "Running");
        written["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kueueleuleu" });

        writes.Remember(Version("1", "Pending"), written);

        Assert.Null(writes.Current(Key, Version("1", "Pending"))["metadata"]!["managedFields"]);
    }

    private static JsonObject Version(string resourceVersion, string phase) => new()
    {
        ["apiVersion"] = "kueueleuleu.io/v1alpha1",
        ["kind"] = "SequentialJob",
        ["metadata"] = new JsonObject { ["namespace"] = Key.Namespace, ["name"] = Key.Name, ["resourceVersion"] = resourceVersion },
        ["status"] = new JsonObject { ["phase"] = phase },
    };
}
