using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ListTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Limit_and_continue_page_through_more_items_than_the_limit()
    {
        await using var ns = await cluster.CreateNamespaceAsync("paging");
        for (var i = 0; i < 7; i++)
        {
            await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap($"cm-{i}"));
        }

        var first = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { Limit = 3 });
        var second = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { Limit = 3, Continue = first.Continue });
        var third = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { Limit = 3, Continue = second.Continue });
        var all = await Client.ListAllAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { Limit = 2 }).ToListAsync();

        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.Continue);
        Assert.True(first.RemainingItemCount >= 4);
        Assert.Equal(3, second.Items.Count);
        Assert.Null(third.Continue);
        // The namespace also holds kube-root-ca.crt on newer servers; count only ours.
        var ours = first.Items.Concat(second.Items).Concat(third.Items).Select(Objects.Name).Where(n => n.StartsWith("cm-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), ours.Order());
        Assert.Equal(ours.Order(), all.Select(Objects.Name).Where(n => n.StartsWith("cm-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Label_and_field_selectors_filter_on_the_server()
    {
        await using var ns = await cluster.CreateNamespaceAsync("select");
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("red-1", labels: new JsonObject { ["color"] = "red", ["size"] = "s" }));
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("red-2", labels: new JsonObject { ["color"] = "red", ["size"] = "l" }));
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("blue", labels: new JsonObject { ["color"] = "blue" }));

        var red = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { LabelSelector = "color=red" });
        var redNotSmall = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { LabelSelector = "color in (red),size!=s" });
        var byName = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name, new ListOptions { FieldSelector = "metadata.name=blue" });
        var allNamespaces = await Client.ListAsync(ResourceType.ConfigMaps, null, new ListOptions { LabelSelector = "color=blue", FieldSelector = $"metadata.namespace={ns.Name}" });

        Assert.Equal(["red-1", "red-2"], red.Items.Select(Objects.Name).Order());
        Assert.Equal(["red-2"], redNotSmall.Items.Select(Objects.Name));
        Assert.Equal(["blue"], byName.Items.Select(Objects.Name));
        Assert.Equal(["blue"], allNamespaces.Items.Select(Objects.Name));
    }
}
