using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class PatchTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Merge_patch_merges_objects_deletes_nulls_and_replaces_lists()
    {
        await using var ns = await cluster.CreateNamespaceAsync("merge");
        var widgets = cluster.Widgets;
        await Client.CreateAsync(widgets, ns.Name, WidgetCrd.New(widgets, "w", new JsonObject { ["keep"] = "k", ["drop"] = "d", ["list"] = new JsonArray(1, 2, 3) }));

        var patched = await Client.PatchAsync(widgets, ns.Name, "w", Patch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["drop"] = null, ["added"] = "a", ["list"] = new JsonArray(9) },
        }));

        var spec = patched["spec"]!;
        Assert.Equal("k", (string?)spec["keep"]);
        Assert.Equal("a", (string?)spec["added"]);
        Assert.False(spec.AsObject().ContainsKey("drop"));
        Assert.Equal([9], spec["list"]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order_and_fails_atomically()
    {
        await using var ns = await cluster.CreateNamespaceAsync("jsonpatch");
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm", new JsonObject { ["a"] = "1", ["b"] = "2" }));

        var patched = await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Json(new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/data/a", ["value"] = "1" },
            new JsonObject { ["op"] = "replace", ["path"] = "/data/a", ["value"] = "one" },
            new JsonObject { ["op"] = "remove", ["path"] = "/data/b" },
            new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject { ["x"] = "y" } })));
        // A failing "test" rejects the whole patch: the replace before it must not be stored.
        var failed = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Json(new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/data/a", ["value"] = "lost" },
            new JsonObject { ["op"] = "test", ["path"] = "/data/a", ["value"] = "wrong" }))));
        var after = await Client.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm");

        Assert.Equal("one", (string?)patched["data"]!["a"]);
        Assert.False(patched["data"]!.AsObject().ContainsKey("b"));
        Assert.Equal("y", (string?)patched["metadata"]!["labels"]!["x"]);
        Assert.InRange(failed.Code, 400, 499);
        Assert.Equal("one", (string?)after["data"]!["a"]);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name_where_merge_patch_replaces_the_list()
    {
        await using var ns = await cluster.CreateNamespaceAsync("strategic");
        await ns.WaitForDefaultServiceAccountAsync();
        var pod = Objects.Pod("p", "sleep 3600", "first", new JsonArray(Objects.Container("second", "sleep 3600")));
        // Bound to a node that does not exist, the pod never runs: only its spec matters here.
        pod["spec"]!["nodeName"] = "no-such-node";
        await Client.CreateAsync(ResourceType.Pods, ns.Name, pod);
        var change = new JsonObject
        {
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "second", ["image"] = "localhost/busybox:other" }) },
        };

        var strategic = await Client.PatchAsync(ResourceType.Pods, ns.Name, "p", Patch.StrategicMerge(change));
        // The same body as a JSON merge patch replaces the whole list, which a Pod update may not do.
        var merge = await Assert.ThrowsAsync<KubernetesInvalidException>(() => Client.PatchAsync(ResourceType.Pods, ns.Name, "p", Patch.Merge(change)));

        var containers = strategic["spec"]!["containers"]!.AsArray();
        Assert.Equal(["first", "second"], containers.Select(c => (string)c!["name"]!));
        Assert.Equal("localhost/busybox:local", (string?)containers[0]!["image"]);
        Assert.Equal("localhost/busybox:other", (string?)containers[1]!["image"]);
        Assert.Equal(422, merge.Code);
    }

    [Fact]
    public async Task Server_side_apply_records_ownership_conflicts_without_force_and_wins_with_force()
    {
        await using var ns = await cluster.CreateNamespaceAsync("apply");
        var intent = Objects.ConfigMap("cm", new JsonObject { ["owned"] = "by-alice" });

        var applied = await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Apply(intent), new WriteOptions { FieldManager = "alice" });
        var reapplied = await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Apply(intent), new WriteOptions { FieldManager = "alice" });
        var rival = Objects.ConfigMap("cm", new JsonObject { ["owned"] = "by-bob" });
        var conflict = await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Apply(rival), new WriteOptions { FieldManager = "bob" }));
        var forced = await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Apply(rival), new WriteOptions { FieldManager = "bob", Force = true });

        Assert.Equal("by-alice", (string?)applied["data"]!["owned"]);
        Assert.True(ManagerOwns(applied, "alice", "f:owned"));
        // Re-applying the same intent keeps the value and the ownership (1.20 may still bump managedFields' time).
        Assert.Equal("by-alice", (string?)reapplied["data"]!["owned"]);
        Assert.True(ManagerOwns(reapplied, "alice", "f:owned"));
        Assert.Contains("alice", conflict.Status.Message, StringComparison.Ordinal);
        Assert.Equal("by-bob", (string?)forced["data"]!["owned"]);
        Assert.True(ManagerOwns(forced, "bob", "f:owned"));
        Assert.False(ManagerOwns(forced, "alice", "f:owned"));
    }

    private static bool ManagerOwns(JsonObject obj, string manager, string field) =>
        obj["metadata"]!["managedFields"]!.AsArray().Any(entry =>
            (string?)entry!["manager"] == manager
            && (string?)entry["operation"] == "Apply"
            && entry["fieldsV1"]?["f:data"]?[field] is not null);
}
