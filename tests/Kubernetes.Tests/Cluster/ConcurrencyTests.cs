using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ConcurrencyTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Two_writers_with_the_same_resource_version_exactly_one_wins()
    {
        await using var ns = await cluster.CreateNamespaceAsync("race");
        var original = await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("shared"));
        var writerA = original.DeepClone().AsObject();
        var writerB = original.DeepClone().AsObject();
        writerA["data"]!["key"] = "A";
        writerB["data"]!["key"] = "B";

        var results = await Task.WhenAll(TryReplaceAsync(ns.Name, writerA), TryReplaceAsync(ns.Name, writerB));
        var final = await Client.GetAsync(ResourceType.ConfigMaps, ns.Name, "shared");

        Assert.Single(results, r => r.Won);
        var loser = Assert.Single(results, r => !r.Won);
        Assert.IsType<KubernetesConflictException>(loser.Error);
        Assert.Equal(409, ((KubernetesApiException)loser.Error!).Code);
        Assert.Equal(results.Single(r => r.Won).Value, (string?)final["data"]!["key"]);
    }

    [Fact]
    public async Task Delete_with_a_stale_precondition_is_a_conflict()
    {
        await using var ns = await cluster.CreateNamespaceAsync("precond");
        var created = await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm"));
        await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["x"] = "y" } }));

        await Assert.ThrowsAsync<KubernetesConflictException>(() => Client.DeleteAsync(
            ResourceType.ConfigMaps, ns.Name, "cm", new DeleteOptions { PreconditionResourceVersion = Objects.ResourceVersion(created) }));
        await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "cm", new DeleteOptions { PreconditionUid = Objects.Uid(created) });
        Assert.Null(await Client.TryGetAsync(ResourceType.ConfigMaps, ns.Name, "cm"));
    }

    private async Task<(bool Won, string Value, Exception? Error)> TryReplaceAsync(string ns, JsonObject obj)
    {
        try
        {
            await Client.ReplaceAsync(ResourceType.ConfigMaps, ns, obj);
            return (true, (string)obj["data"]!["key"]!, null);
        }
        catch (KubernetesApiException e)
        {
            return (false, (string)obj["data"]!["key"]!, e);
        }
    }
}
