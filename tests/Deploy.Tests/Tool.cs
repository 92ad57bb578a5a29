using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Deploy.Tests;

/// <summary>Runs the repository's scripts, kubectl and podman against the local cluster, with a bound on every call.</summary>
public static class Tool
{
    public const string TestNamespace = "kueueleuleu-deploy-e2e";
    public const string SystemNamespace = "kueueleuleu-system";

    public static string RepoRoot => Repository.Root;

    private static readonly Dictionary<string, string> ClusterEnvironment =
        new() { ["KUBECONFIG"] = LocalClusterScripts.AdminKubeconfig };

    public static async Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var result = await ProcessRunner.RunAsync(file, args, stdin, timeout, ClusterEnvironment);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null) =>
        (await ProcessRunner.RunAsync(file, args, stdin, timeout, ClusterEnvironment)).EnsureSuccess().StandardOutput;

    /// <summary>A script of the repository (bash hack/...), failing with its output when it fails.</summary>
    public static Task<string> ScriptAsync(TimeSpan timeout, string script, params string[] args) =>
        RunAsync("bash", [Path.Combine(RepoRoot, script), .. args], timeout);

    public static Task<string> KubectlAsync(params string[] args) => RunAsync("kubectl", args, TimeSpan.FromSeconds(120));

    public static Task<(int ExitCode, string Stdout, string Stderr)> TryKubectlAsync(params string[] args) =>
        TryRunAsync("kubectl", args, TimeSpan.FromSeconds(120));

    public static async Task<JsonObject> GetJsonAsync(params string[] args) =>
        JsonNode.Parse(await KubectlAsync([.. args, "-o", "json"]))!.AsObject();

    /// <summary>Polls until the condition holds, or fails naming what was awaited.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Eventually.ThatAsync(condition, timeout, what);
}
