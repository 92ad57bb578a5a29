using System.Text.Json.Nodes;
using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Cluster;

/// <summary>
/// The local single-node cluster, brought up by the project's own scripts (idempotent: a running cluster is
/// reused), with the current entrypoint image imported into the node and one namespace for this test run.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private static readonly string Kubeconfig = LocalClusterScripts.AdminKubeconfig;

    /// <summary>The namespace the tests of this run use; deleted at the end.</summary>
    public string Namespace { get; } = $"e2e-{Guid.NewGuid():N}"[..16];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await LocalClusterScripts.UpAsync();
        await LocalClusterScripts.ImportProjectImagesAsync();
        (await KubectlAsync("create", "namespace", Namespace)).EnsureSuccess();
        // Pods are refused until the namespace's default ServiceAccount has its token.
        await Eventually.ThatAsync(
            async () => (await KubectlAsync("get", "secrets", "-n", Namespace, "-o", "name")).StandardOutput.Contains("default-token", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the default ServiceAccount token of " + Namespace);
    }

    /// <inheritdoc />
    public async Task DisposeAsync() =>
        await KubectlAsync("delete", "namespace", Namespace, "--wait=false");

    /// <summary>Runs kubectl against the local cluster.</summary>
    public static Task<ProcessResult> KubectlAsync(params string[] args) =>
        ProcessRunner.RunAsync("kubectl", ["--kubeconfig", Kubeconfig, .. args]);

    /// <summary>Applies a manifest (JSON or YAML) in the test namespace.</summary>
    public async Task ApplyAsync(string manifest) =>
        (await ProcessRunner.RunAsync("kubectl", ["--kubeconfig", Kubeconfig, "apply", "-n", Namespace, "-f", "-"], stdin: manifest))
            .EnsureSuccess();

    /// <summary>Reads one object of the test namespace as JSON.</summary>
    public async Task<JsonObject> GetAsync(string resource, string name) =>
        JsonNode.Parse((await KubectlAsync("get", resource, name, "-n", Namespace, "-o", "json")).EnsureSuccess().StandardOutput)!
            .AsObject();

    /// <summary>Lists objects of the test namespace by label selector.</summary>
    public async Task<JsonArray> ListAsync(string resource, string selector) =>
        JsonNode.Parse((await KubectlAsync("get", resource, "-n", Namespace, "-l", selector, "-o", "json")).EnsureSuccess().StandardOutput)!
            ["items"]!.AsArray();
}

/// <summary>Cluster tests share one cluster bring-up and one namespace.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<LocalCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "local cluster";
}
