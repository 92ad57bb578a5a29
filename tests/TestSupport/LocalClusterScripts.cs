namespace Kueueleuleu.TestSupport;

/// <summary>
/// The project's own scripts for the local single-node cluster, as the test suites call them. up.sh is
/// idempotent (a running cluster is reused) and builds Kubernetes on a machine's first run, hence the long bound.
/// </summary>
public static class LocalClusterScripts
{
    /// <summary>
    /// Where up.sh keeps the cluster's state, certificates, tokens and kubeconfigs: KUEUELEULEU_CLUSTER_STATE,
    /// as hack/cluster/lib.sh reads it, or its default.
    /// </summary>
    public static string StateDirectory { get; } =
        Environment.GetEnvironmentVariable("KUEUELEULEU_CLUSTER_STATE") is { Length: > 0 } state
            ? state
            : "/var/lib/kueueleuleu-cluster";

    /// <summary>The admin kubeconfig up.sh writes (client certificate in system:masters).</summary>
    public static string AdminKubeconfig => Path.Combine(StateDirectory, "admin.kubeconfig");

    /// <summary>The variable naming the entrypoint image the tests build, import and inject (hack/images.sh and the CLI read it too).</summary>
    public const string EntrypointImageVariable = "KUEUELEULEU_ENTRYPOINT_IMAGE";

    /// <summary>
    /// The entrypoint image the tests build, import into the node and have injected: KUEUELEULEU_ENTRYPOINT_IMAGE, so
    /// that a branch under test never replaces the image other test runs on the same machine use; else the one the
    /// converter injects by default, as the node knows it.
    /// </summary>
    public static string EntrypointImage { get; } =
        Environment.GetEnvironmentVariable(EntrypointImageVariable) is { Length: > 0 } image ? image : "docker.io/kueueleuleu/entrypoint:0.1.0";

    /// <summary>Brings the cluster up, or checks that it is up; fails with the script's output otherwise.</summary>
    public static Task UpAsync() => RunAsync(TimeSpan.FromMinutes(60), "hack/cluster/up.sh");

    /// <summary>The step image every test Pod uses (busybox-static, built by hack/images.sh).</summary>
    public const string BusyboxImage = "localhost/busybox:local";

    /// <summary>Builds the local images and imports the current ones into the node.</summary>
    public static async Task ImportProjectImagesAsync()
    {
        await RunAsync(TimeSpan.FromMinutes(10), "hack/images.sh");
        await RunAsync(TimeSpan.FromMinutes(5), "hack/cluster/import-image.sh", EntrypointImage, BusyboxImage);
    }

    private static async Task RunAsync(TimeSpan timeout, string script, params string[] args) =>
        (await ProcessRunner.RunAsync("bash", [Path.Combine(Repository.Root, script), .. args], timeout: timeout)).EnsureSuccess();
}
