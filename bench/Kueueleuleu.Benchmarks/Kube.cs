using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// What only the benchmarks need of the local cluster (hack/cluster/), on top of the tests' harness
/// (<see cref="LocalClusterScripts"/>, <see cref="Kubectl"/>, <see cref="ProcessRunner"/>). Every call is bounded, so a
/// stuck API server ends the benchmark with an error instead of hanging it.
/// </summary>
internal static class Kube
{
    /// <summary>kubectl on the cluster's admin kubeconfig.</summary>
    public static Kubectl Kubectl => Kubectl.LocalAdmin;

    /// <summary>
    /// The project's own API client on the admin kubeconfig, for load that kubectl is too slow to generate (kubectl posts a
    /// List one object at a time and reports none of their response times). Observers stay kubectl (<see cref="ObjectWatch"/>).
    /// </summary>
    public static KubernetesClient Client { get; } = new(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [LocalClusterScripts.AdminKubeconfig] }));

    /// <summary>The SequentialJob resource (config/crd).</summary>
    public static ResourceType SequentialJobs { get; } = new("kueueleuleu.io", "v1alpha1", "sequentialjobs", true);

    /// <summary>The API server's own /metrics samples.</summary>
    public static async Task<IReadOnlyList<(string Name, string Labels, double Value)>> ApiServerMetricsAsync() =>
        OperatorUnderTest.ParseMetrics(await Kubectl.RunAsync(["get", "--raw", "/metrics"], timeout: TimeSpan.FromMinutes(2)));

    /// <summary>The cluster, the images the steps use, the CRD and the operator build, as the end-to-end tests set them up.</summary>
    public static async Task PrepareAsync()
    {
        await LocalClusterScripts.UpAsync();
        await LocalClusterScripts.ImportProjectImagesAsync();
        // kubectl's client-side validation knows no x-kubernetes-validations on a 1.20 server.
        await Kubectl.RunAsync(["apply", "--validate=false", "-f", Path.Combine(Repository.Root, "config", "crd", "kueueleuleu.io_sequentialjobs.yaml")]);
        await Kubectl.RunAsync(["wait", "--for=condition=Established", "crd/sequentialjobs.kueueleuleu.io", "--timeout=60s"], timeout: TimeSpan.FromMinutes(2));
        var operatorProject = Path.Combine(Repository.Root, "src", "Operator");
        (await ProcessRunner.RunAsync("dotnet", OperatorBuild.Native
            ? ["publish", operatorProject, "-c", "Release", "-r", "linux-x64", "-o", OperatorBuild.Directory, "-v", "quiet", "-nologo"]
            : ["build", operatorProject, "-c", "Release", "-o", OperatorBuild.Directory, "-v", "quiet", "-nologo"], timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
    }

    /// <summary>A fresh namespace whose default service account exists (Pods need it; it is created asynchronously).</summary>
    public static async Task<string> CreateNamespaceAsync(string purpose)
    {
        var ns = $"bench-{purpose}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.CreateNamespaceAsync(ns);
        return ns;
    }

    /// <summary>Deletes the namespace and waits until it is gone, so the next run starts on an idle cluster.</summary>
    public static async Task DeleteNamespaceAsync(string ns)
    {
        await Kubectl.RunAsync(["delete", "namespace", ns, "--wait=true", "--timeout=600s", "--ignore-not-found"], timeout: TimeSpan.FromMinutes(11));
    }

    /// <summary>
    /// Gives etcd's space back after a run that stored a lot (hack/cluster's etcd, through its HTTP gateway): compacts its
    /// history up to now and defragments its file, so etcd's 2 GiB quota is not reached by the next run. Watches from
    /// before the compaction are told 410 Gone and list again.
    /// </summary>
    public static async Task ReclaimEtcdAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:12379/"), Timeout = TimeSpan.FromMinutes(5) };
        using var range = await http.PostAsync(new Uri("v3/kv/range", UriKind.Relative), new StringContent("""{"key":"AA==","limit":1}"""));
        var revision = JsonNode.Parse(await range.Content.ReadAsStringAsync())!["header"]!["revision"]!.GetValue<string>();
        using var compact = await http.PostAsync(new Uri("v3/kv/compaction", UriKind.Relative), new StringContent($$"""{"revision":"{{revision}}","physical":true}"""));
        using var defragment = await http.PostAsync(new Uri("v3/maintenance/defragment", UriKind.Relative), new StringContent("{}"));
        defragment.EnsureSuccessStatusCode();
    }
}
