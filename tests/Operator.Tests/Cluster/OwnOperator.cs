using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A namespace of one test and an operator process watching only it (the shared operator does not), so the test
/// owns everything it creates; disposing stops the operator and deletes the namespace.
/// </summary>
public sealed class OwnOperator : IAsyncDisposable
{
    private readonly OperatorClusterFixture cluster;
    private readonly OperatorProcess process;

    private OwnOperator(OperatorClusterFixture cluster, string ns, OperatorProcess process)
    {
        this.cluster = cluster;
        Namespace = ns;
        this.process = process;
    }

    /// <summary>The test's namespace.</summary>
    public string Namespace { get; }

    /// <summary>Creates the namespace and starts an operator on it (bounded waits), with <paramref name="extra"/> flags.</summary>
    public static async Task<OwnOperator> StartAsync(OperatorClusterFixture cluster, string area, params string[] extra)
    {
        var ns = $"kl-{area}-{Guid.NewGuid().ToString("N")[..6]}";
        await cluster.Kubectl.CreateNamespaceAsync(ns);
        var process = cluster.StartOperator([ns], extra);
        var own = new OwnOperator(cluster, ns, process);
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }

        return own;
    }

    /// <summary>The Pods of a SequentialJob's Job.</summary>
    public async Task<IReadOnlyList<JsonObject>> PodsAsync(string sjob) =>
        JsonNode.Parse(await cluster.Kubectl.RunAsync(["-n", Namespace, "get", "pods", "-l", $"kueueleuleu.io/sequentialjob={sjob}", "-o", "json"]))!
            ["items"]!.AsArray().Select(p => p!.AsObject()).ToList();

    /// <summary>The single Pod of a SequentialJob, once it exists (bounded).</summary>
    public async Task<JsonObject> PodAsync(string sjob, TimeSpan timeout)
    {
        JsonObject? pod = null;
        await Eventually.ThatAsync(
            async () => (await PodsAsync(sjob)) is [var first, ..] && (pod = first) is not null,
            timeout,
            $"the Pod of {sjob}");
        return pod!;
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        await cluster.Kubectl.TryRunAsync(["delete", "namespace", Namespace, "--wait=false"]);
    }
}
