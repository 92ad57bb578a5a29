using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Kubernetes.Http;

namespace Kueueleuleu.Cli.Tests.Cluster;

/// <summary>Errors that need no cluster: one line on standard error, exit code 1, nothing on standard output.</summary>
public sealed class ClusterErrorTests : IDisposable
{
    private readonly string emptyHome = Directory.CreateTempSubdirectory("kl-cli-home-").FullName;

    public void Dispose() => Directory.Delete(emptyHome, recursive: true);

    [Theory]
    [InlineData("status", "x")]
    [InlineData("logs", "x")]
    [InlineData("logs", "x", "-f")]
    [InlineData("status", "x", "-w")]
    public void Without_any_kubeconfig_commands_fail_with_one_line(params string[] args)
    {
        var console = new TestConsole().WithEnvironment("HOME", emptyHome);
        Assert.Equal(1, console.Run(args));
        Assert.Equal([$"error: no kubeconfig: {Path.Combine(emptyHome, ".kube", "config")} does not exist; set KUBECONFIG or pass --kubeconfig FILE"], console.ErrorLines);
        Assert.Empty(console.Stdout);
    }

    [Fact]
    public void A_missing_kubeconfig_file_is_named()
    {
        var console = new TestConsole();
        Assert.Equal(1, console.Run("status", "x", "--kubeconfig", Path.Combine(emptyHome, "nope")));
        Assert.Equal([$"error: no kubeconfig: {Path.Combine(emptyHome, "nope")} (--kubeconfig) does not exist"], console.ErrorLines);
    }

    [Fact]
    public void A_broken_kubeconfig_is_one_line_naming_the_file()
    {
        var file = Path.Combine(emptyHome, "config");
        File.WriteAllText(file, "apiVersion: v1\nclusters: []\ncontexts: []\nusers: []\n");
        var console = new TestConsole().WithEnvironment("KUBECONFIG", file);
        Assert.Equal(1, console.Run("logs", "x"));
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith($"error: kubeconfig: {file}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_checks_the_manifest_before_touching_the_cluster()
    {
        var file = Path.Combine(emptyHome, "bad.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {restartPolicy: Always, containers: [{name: a, image: busybox}]}\n");
        var console = new TestConsole();
        // The kubeconfig does not exist either: the manifest error comes first and alone, nothing is contacted.
        Assert.Equal(1, console.Run("run", "-f", file, "--kubeconfig", Path.Combine(emptyHome, "nope")));
        Assert.Equal([$"{file}: document 1 (Pod p): spec.restartPolicy: is 'Always', but a Job's Pod must be Never (the default) or OnFailure"], console.ErrorLines);
        Assert.Empty(console.Stdout);
    }

    [Fact]
    public void Run_names_a_missing_file()
    {
        var console = new TestConsole();
        Assert.Equal(1, console.Run("run", "-f", Path.Combine(emptyHome, "missing.yaml")));
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith(Path.Combine(emptyHome, "missing.yaml") + ": ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var console = new TestConsole();
        Assert.Equal(2, console.Run("status"));
        Assert.Equal(2, console.Run("run"));
        Assert.Equal(2, console.Run("logs", "x", "--bogus"));
    }

    [Fact]
    public void Api_failures_become_one_line()
    {
        var forbidden = new KubernetesForbiddenException(
            new KubernetesStatus(403, KubernetesStatusReason.Forbidden, "Forbidden", "sequentialjobs.kueueleuleu.io \"x\" is forbidden: User \"u\" cannot get resource", null), "GET /x");
        Assert.Equal("forbidden: sequentialjobs.kueueleuleu.io \"x\" is forbidden: User \"u\" cannot get resource", ClusterErrors.Describe(forbidden));
        var noCrd = new KubernetesNotFoundException(
            new KubernetesStatus(404, KubernetesStatusReason.NotFound, "NotFound", "the server could not find the requested resource", null), "GET /x");
        Assert.Equal(ClusterErrors.MissingApi, ClusterErrors.Describe(noCrd));
        Assert.Null(ClusterErrors.Describe(new InvalidOperationException("a bug")));
    }
}
