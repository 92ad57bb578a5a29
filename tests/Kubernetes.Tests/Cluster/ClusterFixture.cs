using System.Diagnostics;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// Brings up the local cluster with hack/cluster/up.sh (idempotent) and hands out clients. When the cluster
/// cannot come up, every test of the collection fails with the script's output: nothing is skipped.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static string StateDir => LocalClusterScripts.StateDirectory;

    public static string AdminKubeconfig => LocalClusterScripts.AdminKubeconfig;

    public static string CaFile => Path.Combine(StateDir, "pki", "ca.crt");

    public static string TokenFile(string name) => Path.Combine(StateDir, "tokens", name + ".token");

    /// <summary>The API server URL, as written into the admin kubeconfig.</summary>
    public Uri Server => Admin.Configuration.Server;

    public KubernetesClient Admin { get; private set; } = null!;

    /// <summary>The admin client behind the interface the operator uses.</summary>
    public IKubernetesClient Client => Admin;

    /// <summary>A namespaced CRD with a status subresource, created for this run (its group is random).</summary>
    public ResourceType Widgets { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LocalClusterScripts.UpAsync();
        Admin = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [AdminKubeconfig] }));
        Widgets = await WidgetCrd.CreateAsync(Admin);
    }

    public async Task DisposeAsync()
    {
        if (Widgets is not null)
        {
            await WidgetCrd.DeleteAsync(Admin, Widgets);
        }

        Admin?.Dispose();
    }

    public async Task<TestNamespace> CreateNamespaceAsync(string prefix) => await TestNamespace.CreateAsync(Admin, prefix);

    /// <summary>Kills the API server process and brings it back with up.sh.</summary>
    public static async Task RestartApiServerAsync()
    {
        await KillComponentAsync("kube-apiserver");
        await LocalClusterScripts.UpAsync();
    }

    /// <summary>The pid up.sh recorded for a component (kube-proxy, kube-scheduler, ...).</summary>
    public static int ComponentPid(string component) =>
        int.Parse(File.ReadAllText(Path.Combine(StateDir, "pids", component + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Kills a component's process and waits for it to be gone; its pid file stays, as after a crash.</summary>
    public static async Task KillComponentAsync(string component)
    {
        using var process = Process.GetProcessById(ComponentPid(component));
        process.Kill();
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(exited.Token);
    }

    /// <summary>Whether the process is alive and is the component (a recycled pid is not).</summary>
    public static bool IsRunning(int pid, string component)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.ProcessName == component;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterTests : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
