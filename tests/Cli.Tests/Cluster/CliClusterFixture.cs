using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Cluster;

/// <summary>
/// The local cluster (hack/cluster/up.sh) with the images imported into the node and the CRD installed, a namespace of
/// its own, and the operator (copied beside the tests by the project reference) running as a process that watches that
/// namespace. Fails (never skips) when any of it cannot start.
/// </summary>
public sealed class CliClusterFixture : IAsyncLifetime
{
    private OperatorProcess? operatorProcess;

    public Kubectl Kubectl { get; } = Kubectl.LocalAdmin;

    public string Kubeconfig => Kubectl.Kubeconfig;

    public string Namespace { get; } = $"kl-cli-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>What the operator printed so far, for failure messages.</summary>
    public string OperatorOutput => operatorProcess?.Output ?? "";

    public async Task InitializeAsync()
    {
        await LocalClusterScripts.UpAsync();
        await LocalClusterScripts.ImportProjectImagesAsync();
        // kubectl's client-side validation knows no x-kubernetes-validations on a 1.20 server.
        await Kubectl.RunAsync(["apply", "--validate=false", "-f", Path.Combine(Repository.Root, "config/crd/kueueleuleu.io_sequentialjobs.yaml")]);
        await Kubectl.RunAsync(["wait", "--for=condition=Established", "crd/sequentialjobs.kueueleuleu.io", "--timeout=60s"], timeout: TimeSpan.FromSeconds(90));
        await Kubectl.CreateNamespaceAsync(Namespace);
        operatorProcess = OperatorProcess.Start(OperatorProcess.BesideTests, [$"--kubeconfig={Kubeconfig}", $"--namespaces={Namespace}"]);
        await operatorProcess.WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (operatorProcess is not null)
        {
            await operatorProcess.DisposeAsync();
        }

        await Kubectl.TryRunAsync(["delete", "namespace", Namespace, "--wait=false"]);
    }
}

[CollectionDefinition(Name)]
public sealed class CliClusterDefinition : ICollectionFixture<CliClusterFixture>
{
    public const string Name = "CLI on the local cluster";
}
