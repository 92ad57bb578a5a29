using System.Diagnostics;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// kubectl against the local cluster (hack/cluster/) with a bound on every call, so a stuck API server ends the
/// benchmark with an error instead of hanging it.
/// </summary>
internal static class Kube
{
    public static readonly string Kubeconfig = Path.Combine(
        Environment.GetEnvironmentVariable("KUEUELEULEU_CLUSTER_STATE") is { Length: > 0 } s ? s : "/var/lib/kueueleuleu-cluster",
        "admin.kubeconfig");

    public static readonly string RepoRoot = FindRepoRoot();

    public static Task<string> KubectlAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null) =>
        RunAsync("kubectl", ["--kubeconfig", Kubeconfig, .. args], stdin, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>The API server's own /metrics samples.</summary>
    public static async Task<IReadOnlyList<(string Name, string Labels, double Value)>> ApiServerMetricsAsync() =>
        OperatorUnderTest.ParseMetrics(await KubectlAsync(["get", "--raw", "/metrics"]));

    /// <summary>Runs a program to its exit within the bound; throws with its stderr when it fails.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, string? stdin, TimeSpan timeout)
    {
        var argv = args.ToList();
        var info = new ProcessStartInfo(program, argv)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = RepoRoot,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', argv)} did not finish within {timeout}");
        }

        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{program} {string.Join(' ', argv)} exited {process.ExitCode}: {await stderr}");
    }

    /// <summary>The cluster, the images the steps use, the CRD and the operator build, as the end-to-end tests set them up.</summary>
    public static async Task PrepareAsync()
    {
        await RunAsync("bash", ["hack/cluster/up.sh"], null, TimeSpan.FromMinutes(45));
        await RunAsync("bash", ["hack/images.sh"], null, TimeSpan.FromMinutes(10));
        await RunAsync("bash", ["hack/cluster/import-image.sh", "docker.io/kueueleuleu/entrypoint:0.1.0", "localhost/busybox:local"], null, TimeSpan.FromMinutes(5));
        // kubectl's client-side validation knows no x-kubernetes-validations on a 1.20 server.
        await KubectlAsync(["apply", "--validate=false", "-f", "config/crd/kueueleuleu.io_sequentialjobs.yaml"]);
        await KubectlAsync(["wait", "--for=condition=Established", "crd/sequentialjobs.kueueleuleu.io", "--timeout=60s"]);
        await RunAsync("dotnet", OperatorBuild.Native
            ? ["publish", "src/Operator", "-c", "Release", "-r", "linux-x64", "-o", OperatorBuild.Directory, "-v", "quiet", "-nologo"]
            : ["build", "src/Operator", "-c", "Release", "-o", OperatorBuild.Directory, "-v", "quiet", "-nologo"], null, TimeSpan.FromMinutes(10));
    }

    /// <summary>A fresh namespace whose default service account exists (Pods need it; it is created asynchronously).</summary>
    public static async Task<string> CreateNamespaceAsync(string purpose)
    {
        var ns = $"bench-{purpose}-{Guid.NewGuid().ToString("N")[..6]}";
        await KubectlAsync(["create", "namespace", ns]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await KubectlAsync(["-n", ns, "get", "serviceaccount", "default"]);
                return ns;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Deletes the namespace and waits until it is gone, so the next run starts on an idle cluster.</summary>
    public static async Task DeleteNamespaceAsync(string ns)
    {
        await KubectlAsync(["delete", "namespace", ns, "--wait=true", "--timeout=600s", "--ignore-not-found"], timeout: TimeSpan.FromMinutes(11));
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
        var revision = System.Text.Json.Nodes.JsonNode.Parse(await range.Content.ReadAsStringAsync())!["header"]!["revision"]!.GetValue<string>();
        using var compact = await http.PostAsync(new Uri("v3/kv/compaction", UriKind.Relative), new StringContent($$"""{"revision":"{{revision}}","physical":true}"""));
        using var defragment = await http.PostAsync(new Uri("v3/maintenance/defragment", UriKind.Relative), new StringContent("{}"));
        defragment.EnsureSuccessStatusCode();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kueueleuleu.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Kueueleuleu.sln not found above {AppContext.BaseDirectory}");
    }
}
