using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.ControllerRuntime.Tests;

public sealed class MappingAndLeaseRecordTests
{
    private static readonly Func<JsonObject, IEnumerable<ObjectKey>> Map =
        KeyMappers.ByLabelOrController(KeyMappers.SequentialJobLabel, "kueueleuleu.io", "SequentialJob");

    [Fact]
    public void The_label_names_the_owner_in_the_same_namespace()
    {
        var pod = Object("ns", "pod-1", labels: new JsonObject { [KeyMappers.SequentialJobLabel] = "build" });
        Assert.Equal([new ObjectKey("ns", "build")], Map(pod));
    }

    [Fact]
    public void Without_the_label_the_controller_owner_reference_of_the_kind_names_the_owner()
    {
        var job = Object("ns", "job-1", owners: new JsonArray(
            Owner("batch/v1", "Job", "other", controller: false),
            Owner("kueueleuleu.io/v1alpha1", "SequentialJob", "build", controller: true)));
        Assert.Equal([new ObjectKey("ns", "build")], Map(job));
    }

    [Fact]
    public void Owners_of_other_kinds_or_groups_and_non_controller_owners_map_to_nothing()
    {
        Assert.Empty(Map(Object("ns", "a", owners: new JsonArray(Owner("batch/v1", "Job", "j", controller: true)))));
        Assert.Empty(Map(Object("ns", "b", owners: new JsonArray(Owner("other.io/v1", "SequentialJob", "s", controller: true)))));
        Assert.Empty(Map(Object("ns", "c", owners: new JsonArray(Owner("kueueleuleu.io/v1alpha1", "SequentialJob", "s", controller: false)))));
        Assert.Empty(Map(Object("ns", "d")));
    }

    [Fact]
    public void ObjectKey_reads_metadata_and_prints_like_kubectl()
    {
        Assert.Equal("ns/a", ObjectKey.Of(Object("ns", "a")).ToString());
        Assert.Equal("node", ObjectKey.Of(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "node" } }).ToString());
        Assert.Throws<ArgumentException>(() => ObjectKey.Of(new JsonObject()));
    }

    [Fact]
    public void A_lease_record_round_trips_with_microsecond_times()
    {
        var renewed = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);
        var record = new LeaseRecord("me", 15, renewed.AddMinutes(-1), renewed, 3);
        var spec = record.ToSpec();
        Assert.Equal("2026-01-02T03:04:05.123456Z", (string?)spec["renewTime"]);

        var read = LeaseRecord.From(new JsonObject { ["spec"] = spec });
        Assert.Equal(record, read);
    }

    [Fact]
    public void Inconsistent_leader_election_timings_are_refused()
    {
        var valid = new LeaderElectionOptions { LeaseNamespace = "ns", LeaseName = "lease" };
        valid.Validate();
        Assert.Throws<ArgumentException>(() => (valid with { RenewDeadline = TimeSpan.FromSeconds(15) }).Validate());
        Assert.Throws<ArgumentException>(() => (valid with { RetryPeriod = TimeSpan.FromSeconds(10) }).Validate());
        Assert.Throws<ArgumentException>(() => (valid with { LeaseDuration = TimeSpan.FromMilliseconds(15500) }).Validate());
        Assert.NotEqual(LeaderElectionOptions.DefaultIdentity(), LeaderElectionOptions.DefaultIdentity());
    }

    private static JsonObject Object(string ns, string name, JsonObject? labels = null, JsonArray? owners = null) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["labels"] = labels ?? [],
            ["ownerReferences"] = owners ?? [],
        },
    };

    private static JsonObject Owner(string apiVersion, string kind, string name, bool controller) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = Guid.NewGuid().ToString(),
        ["controller"] = controller,
    };
}
