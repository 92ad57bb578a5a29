using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class DeleteTests(ClusterFixture cluster)
{
    private static readonly TimeSpan GcTimeout = TimeSpan.FromSeconds(90);

    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Background_deletes_the_owner_at_once_and_dependents_afterwards()
    {
        await using var ns = await cluster.CreateNamespaceAsync("bg");
        var owner = await CreateFamilyAsync(ns.Name);

        var answer = await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "owner", new DeleteOptions { PropagationPolicy = PropagationPolicy.Background });

        Assert.Null(await Client.TryGetAsync(ResourceType.ConfigMaps, ns.Name, "owner"));
        Assert.Equal("Success", (string?)answer["status"]);
        await Eventually.ThatAsync(async () => await ChildrenAsync(ns.Name) == 0, GcTimeout, "children collected");
        Assert.NotNull(owner);
    }

    [Fact]
    public async Task Foreground_keeps_the_owner_until_its_dependents_are_gone()
    {
        await using var ns = await cluster.CreateNamespaceAsync("fg");
        await CreateFamilyAsync(ns.Name);

        var answer = await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "owner", new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground });

        // The answer is the owner itself, marked for deletion and held by the foregroundDeletion finalizer.
        Assert.NotNull(answer["metadata"]!["deletionTimestamp"]);
        Assert.Contains("foregroundDeletion", answer["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        await Eventually.ThatAsync(async () => await ChildrenAsync(ns.Name) == 0, GcTimeout, "children collected");
        await Eventually.ThatAsync(async () => await Client.TryGetAsync(ResourceType.ConfigMaps, ns.Name, "owner") is null, GcTimeout, "owner deleted after its children");
    }

    [Fact]
    public async Task Orphan_keeps_dependents_and_removes_their_owner_reference()
    {
        await using var ns = await cluster.CreateNamespaceAsync("orphan");
        await CreateFamilyAsync(ns.Name);

        await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "owner", new DeleteOptions { PropagationPolicy = PropagationPolicy.Orphan });

        await Eventually.ThatAsync(async () => await Client.TryGetAsync(ResourceType.ConfigMaps, ns.Name, "owner") is null, GcTimeout, "owner deleted");
        await Eventually.ThatAsync(async () => await ChildrenWithOwnerAsync(ns.Name) == 0, GcTimeout, "owner references removed");
        Assert.Equal(2, await ChildrenAsync(ns.Name));
    }

    private async Task<JsonObject> CreateFamilyAsync(string ns)
    {
        var owner = await Client.CreateAsync(ResourceType.ConfigMaps, ns, Objects.ConfigMap("owner"));
        for (var i = 0; i < 2; i++)
        {
            var child = Objects.ConfigMap($"child-{i}", labels: new JsonObject { ["role"] = "child" });
            child["metadata"]!["ownerReferences"] = new JsonArray(Objects.OwnerReference(owner));
            await Client.CreateAsync(ResourceType.ConfigMaps, ns, child);
        }

        return owner;
    }

    private async Task<int> ChildrenAsync(string ns) =>
        (await Client.ListAsync(ResourceType.ConfigMaps, ns, new ListOptions { LabelSelector = "role=child" })).Items.Count;

    private async Task<int> ChildrenWithOwnerAsync(string ns) =>
        (await Client.ListAsync(ResourceType.ConfigMaps, ns, new ListOptions { LabelSelector = "role=child" })).Items
            .Count(c => c["metadata"]!["ownerReferences"] is JsonArray { Count: > 0 });
}
