using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class CrudTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task ConfigMap_create_get_replace_delete()
    {
        await using var ns = await cluster.CreateNamespaceAsync("crud");

        var created = await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm", new JsonObject { ["a"] = "1" }));
        var read = await Client.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm");
        read["data"]!["a"] = "2";
        var replaced = await Client.ReplaceAsync(ResourceType.ConfigMaps, ns.Name, read);
        var deleted = await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "cm");

        Assert.Equal(Objects.Uid(created), Objects.Uid(read));
        Assert.Equal("2", (string?)replaced["data"]!["a"]);
        Assert.NotEqual(Objects.ResourceVersion(created), Objects.ResourceVersion(replaced));
        Assert.Equal("Success", (string?)deleted["status"]);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => Client.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm"));
        Assert.Null(await Client.TryGetAsync(ResourceType.ConfigMaps, ns.Name, "cm"));
    }

    [Fact]
    public async Task Server_errors_become_typed_exceptions_with_the_status()
    {
        await using var ns = await cluster.CreateNamespaceAsync("errors");
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("dup"));

        var exists = await Assert.ThrowsAsync<KubernetesAlreadyExistsException>(() => Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("dup")));
        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("Not_A_Valid_Name")));
        var missing = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "ghost"));

        Assert.Equal(409, exists.Code);
        Assert.Equal("dup", (string?)exists.Status.Details!["name"]);
        Assert.Equal(422, invalid.Code);
        Assert.NotNull(invalid.Status.Details!["causes"]);
        Assert.Equal(KubernetesStatusReason.NotFound, missing.Reason);
        Assert.Contains("ghost", missing.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_scoped_resources_work_without_a_namespace()
    {
        await using var ns = await cluster.CreateNamespaceAsync("scoped");

        var read = await Client.GetAsync(ResourceType.Namespaces, null, ns.Name);
        var all = await Client.ListAsync(ResourceType.Namespaces, null, new ListOptions { LabelSelector = "kueueleuleu.io/test=kubernetes-client" });

        Assert.Equal("Active", (string?)read["status"]!["phase"]);
        Assert.Contains(all.Items, n => Objects.Name(n) == ns.Name);
        Assert.All(all.Items, n => Assert.Equal("Namespace", (string?)n["kind"]));
    }

    [Fact]
    public async Task Custom_resource_crud_and_status_subresource()
    {
        await using var ns = await cluster.CreateNamespaceAsync("crd");
        var widgets = cluster.Widgets;
        await Client.CreateAsync(widgets, ns.Name, WidgetCrd.New(widgets, "w", new JsonObject { ["size"] = 3 }));

        // A write to the main resource ignores status; the status endpoint writes only status.
        var withStatus = await Client.GetAsync(widgets, ns.Name, "w");
        withStatus["status"] = new JsonObject { ["phase"] = "Ignored" };
        var main = await Client.ReplaceAsync(widgets, ns.Name, withStatus);
        var statusAfterMainWrite = main["status"]?.DeepClone();
        main["status"] = new JsonObject { ["phase"] = "Ready" };
        main["spec"]!["size"] = 99;
        var statusWritten = await Client.ReplaceStatusAsync(widgets, ns.Name, main);
        var patched = await Client.PatchStatusAsync(widgets, ns.Name, "w", Patch.Merge(new JsonObject { ["status"] = new JsonObject { ["observed"] = 1 } }));
        var statusRead = await Client.GetStatusAsync(widgets, ns.Name, "w");

        Assert.Null(statusAfterMainWrite);
        Assert.Equal("Ready", (string?)statusWritten["status"]!["phase"]);
        Assert.Equal(3, (int)statusWritten["spec"]!["size"]!);
        Assert.Equal("Ready", (string?)patched["status"]!["phase"]);
        Assert.Equal(1, (int)statusRead["status"]!["observed"]!);
    }

    [Fact]
    public async Task Job_status_subresource_is_readable_and_patchable()
    {
        await using var ns = await cluster.CreateNamespaceAsync("jobstatus");
        await ns.WaitForDefaultServiceAccountAsync();
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = "j" },
            // Suspended jobs do not exist in 1.20; parallelism 0 keeps the controller from starting pods.
            ["spec"] = new JsonObject { ["parallelism"] = 0, ["template"] = new JsonObject { ["spec"] = Objects.Pod("x", "true")["spec"]!.DeepClone() } },
        };
        await Client.CreateAsync(ResourceType.Jobs, ns.Name, job);

        // A condition, not a counter: the job controller recomputes counters from Pods but keeps conditions.
        var condition = new JsonObject { ["type"] = "KueueleuleuTest", ["status"] = "True", ["reason"] = "Patched" };
        var patched = await Client.PatchStatusAsync(ResourceType.Jobs, ns.Name, "j", Patch.Merge(new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } }));
        var status = await Client.GetStatusAsync(ResourceType.Jobs, ns.Name, "j");

        Assert.Contains(patched["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "KueueleuleuTest");
        Assert.Contains(status["status"]!["conditions"]!.AsArray(), c => (string?)c!["reason"] == "Patched");
        Assert.Equal("Job", (string?)status["kind"]);
    }
}
