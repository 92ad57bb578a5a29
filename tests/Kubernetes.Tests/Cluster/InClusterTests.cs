using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class InClusterTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Service_account_files_authenticate_and_a_rotated_token_is_picked_up_without_a_new_client()
    {
        await using var ns = await cluster.CreateNamespaceAsync("incluster");
        await CreateServiceAccountAsync(ns.Name, "idle");
        await CreateServiceAccountAsync(ns.Name, "reader");
        await Rbac.GrantAdminAsync(Client, ns.Name, "ServiceAccount", "reader");
        using var dir = new TempDirectory();
        dir.Write("token", await RequestTokenAsync(ns.Name, "idle"));
        dir.Write("ca.crt", File.ReadAllText(ClusterFixture.CaFile));
        dir.Write("namespace", ns.Name);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = new KubernetesClient(InClusterConfiguration.Load(new InClusterOptions
        {
            Root = dir.Path,
            Host = cluster.Server.Host,
            Port = cluster.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TokenRefreshInterval = TimeSpan.FromMinutes(1),
            Time = time,
        }));

        var asIdle = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListAsync(ResourceType.ConfigMaps, client.DefaultNamespace));
        // The kubelet would now write a fresh token in place; here the fresh one belongs to a service account with rights.
        dir.Write("token", await RequestTokenAsync(ns.Name, "reader"));
        // A separate client with the new token waits out the RBAC cache, so the final assertion tests only the rotation.
        using (var probe = new KubernetesClient(InClusterConfiguration.Load(new InClusterOptions
        {
            Root = dir.Path,
            Host = cluster.Server.Host,
            Port = cluster.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })))
        {
            await Rbac.WaitForAccessAsync(probe, ns.Name);
        }

        time.Advance(TimeSpan.FromSeconds(61));
        var list = await client.ListAsync(ResourceType.ConfigMaps, client.DefaultNamespace);

        Assert.Equal(ns.Name, client.DefaultNamespace);
        Assert.Contains($"system:serviceaccount:{ns.Name}:idle", asIdle.Status.Message, StringComparison.Ordinal);
        Assert.NotNull(list.ResourceVersion);
    }

    private Task<JsonObject> CreateServiceAccountAsync(string ns, string name) =>
        Client.CreateAsync(ResourceType.ServiceAccounts, ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = name },
        });

    /// <summary>A bound service-account token from the TokenRequest API, as the kubelet projects into Pods.</summary>
    private async Task<string> RequestTokenAsync(string ns, string serviceAccount)
    {
        var answer = await Client.CreateSubresourceAsync(ResourceType.ServiceAccounts, ns, serviceAccount, "token", new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenRequest",
            ["spec"] = new JsonObject { ["expirationSeconds"] = 3600 },
        });
        return (string)answer["status"]!["token"]!;
    }
}
