using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>
/// Brings up the local cluster with hack/cluster/up.sh (idempotent) and hands out an admin client. When the
/// cluster cannot come up, every test of the collection fails with the script's output: nothing is skipped.
/// </summary>
public sealed class RuntimeClusterFixture : IAsyncLifetime
{
    public KubernetesClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LocalClusterScripts.UpAsync();
        Client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [LocalClusterScripts.AdminKubeconfig] }));
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A namespace with a random suffix, deleted when disposed.</summary>
    public async Task<TestNamespace> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await Client.CreateAsync(ResourceType.Namespaces, null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kueueleuleu.io/test"] = "operator-runtime" } },
        });
        return new TestNamespace(Client, name);
    }
}

[CollectionDefinition(Name)]
public sealed class RuntimeClusterTests : ICollectionFixture<RuntimeClusterFixture>
{
    public const string Name = "runtime-cluster";
}

/// <summary>A test namespace, deleted on dispose (its label allows manual cleanup if that fails).</summary>
public sealed class TestNamespace(IKubernetesClient client, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await client.DeleteAsync(ResourceType.Namespaces, null, Name);
        }
        catch (Exception e) when (e is Kueueleuleu.Kubernetes.Http.KubernetesApiException or HttpRequestException)
        {
            // Already gone or the server is restarting.
        }
    }
}
