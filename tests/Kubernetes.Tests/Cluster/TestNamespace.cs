using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>A namespace with a random suffix, deleted on dispose.</summary>
public sealed class TestNamespace : IAsyncDisposable
{
    private readonly IKubernetesClient client;

    private TestNamespace(IKubernetesClient client, string name)
    {
        this.client = client;
        Name = name;
    }

    public string Name { get; }

    public static async Task<TestNamespace> CreateAsync(IKubernetesClient client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CreateAsync(ResourceType.Namespaces, null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kueueleuleu.io/test"] = "kubernetes-client" } },
        });
        return new TestNamespace(client, name);
    }

    /// <summary>Waits for the namespace's default ServiceAccount, without which 1.20 admits no Pod.</summary>
    public Task WaitForDefaultServiceAccountAsync() =>
        Eventually.ThatAsync(async () => await client.TryGetAsync(ResourceType.ServiceAccounts, Name, "default") is not null, TimeSpan.FromSeconds(60), "default ServiceAccount");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await client.DeleteAsync(ResourceType.Namespaces, null, Name);
        }
        catch (Http.KubernetesApiException)
        {
            // Already gone or the server is restarting: the namespace has a test label for manual cleanup.
        }
        catch (HttpRequestException)
        {
        }
    }
}
