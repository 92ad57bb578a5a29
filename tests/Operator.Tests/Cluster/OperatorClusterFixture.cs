using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// The local cluster (hack/cluster/up.sh), the images (hack/images.sh, imported into the node), the CRD, one namespace
/// per test, and a shared operator process watching those namespaces. Tests that run operators of their own use
/// namespaces the shared one does not watch. Fails (never skips) when the cluster cannot come up.
/// </summary>
public sealed class OperatorClusterFixture : IAsyncLifetime
{
    /// <summary>The namespaces the shared operator watches, by test area.</summary>
    public static readonly string[] SharedAreas = ["steps", "failing", "continue", "timeout", "dag", "delete", "fifty", "telemetry", "errors", "errors-pods", "reserve-node", "reserve-quota", "reserve-dag", "reserve-limits", "reserve-labels"];

    /// <summary>The namespaces of tests that run operators of their own, by test area.</summary>
    public static readonly string[] OwnOperatorAreas = ["restart", "leader", "once-stopped", "once-paused", "once-frozen", "once-deleted", "once-attempts", "errors-rbac", "large"];

    private readonly string runId = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> namespaces = [];

    public static string AdminKubeconfig => LocalClusterScripts.AdminKubeconfig;

    public Kubectl Kubectl { get; } = Kubectl.LocalAdmin;

    public OperatorProcess Shared { get; private set; } = null!;

    /// <summary>The namespace of a test area (created at start-up).</summary>
    public string Namespace(string area) => $"kl-{area}-{runId}";

    public async Task InitializeAsync()
    {
        await LocalClusterScripts.UpAsync();
        await LocalClusterScripts.ImportProjectImagesAsync();
        // kubectl's client-side validation knows no x-kubernetes-validations on a 1.20 server.
        await Kubectl.RunAsync(["apply", "--validate=false", "-f", Path.Combine(Repository.Root, "config", "crd", "kueueleuleu.io_sequentialjobs.yaml")]);
        await Kubectl.RunAsync(["wait", "--for=condition=Established", "crd/sequentialjobs.kueueleuleu.io", "--timeout=60s"], timeout: TimeSpan.FromSeconds(90));
        foreach (var area in SharedAreas.Concat(OwnOperatorAreas))
        {
            await CreateNamespaceAsync(Namespace(area));
        }

        Shared = StartOperator(SharedAreas.Select(Namespace));
        await Shared.WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (Shared is not null)
        {
            await Shared.DisposeAsync();
        }

        foreach (var ns in namespaces)
        {
            await Kubectl.TryRunAsync(["delete", "namespace", ns, "--wait=false"]);
        }
    }

    /// <summary>Starts an operator on the admin kubeconfig watching the given namespaces.</summary>
    public OperatorProcess StartOperator(IEnumerable<string> watched, params string[] extra) =>
        OperatorProcess.Start(OperatorProcess.BesideTests, [$"--kubeconfig={AdminKubeconfig}", $"--namespaces={string.Join(',', watched)}", "--workers=4", .. extra]);

    /// <summary>The text of a sample under config/samples.</summary>
    public string Sample(string file) => File.ReadAllText(Path.Combine(Repository.Root, "config", "samples", file));

    private async Task CreateNamespaceAsync(string ns)
    {
        namespaces.Add(ns);
        await Kubectl.CreateNamespaceAsync(ns);
    }
}

[CollectionDefinition(Name)]
public sealed class OperatorClusterDefinition : ICollectionFixture<OperatorClusterFixture>
{
    public const string Name = "Operator on the local cluster";
}
