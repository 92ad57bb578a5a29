using System.Text.Json.Nodes;

namespace Kueueleuleu.TestSupport;

/// <summary>kubectl on one kubeconfig, with a bound on every call.</summary>
public sealed class Kubectl(string kubeconfig)
{
    /// <summary>kubectl on the local cluster's admin kubeconfig.</summary>
    public static Kubectl LocalAdmin { get; } = new(LocalClusterScripts.AdminKubeconfig);

    /// <summary>The kubeconfig every call uses.</summary>
    public string Kubeconfig => kubeconfig;

    /// <summary>Runs kubectl and returns what it did, successful or not.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(
        IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var result = await ProcessRunner.RunAsync(
            "kubectl", ["--kubeconfig", kubeconfig, .. args], stdin, timeout ?? TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Runs kubectl and returns its stdout; throws <see cref="InvalidOperationException"/> with its output when it fails.</summary>
    public async Task<string> RunAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var (exit, stdout, stderr) = await TryRunAsync(args, stdin, timeout);
        return exit == 0
            ? stdout
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({exit}): {stderr}{stdout}");
    }

    /// <summary>One object (or list) of a namespace as JSON.</summary>
    public async Task<JsonObject> GetJsonAsync(string ns, string resource) =>
        JsonNode.Parse(await RunAsync(["-n", ns, "get", resource, "-o", "json"]))!.AsObject();

    /// <summary>kubectl apply of a manifest into a namespace.</summary>
    public Task ApplyAsync(string ns, string yaml) => RunAsync(["-n", ns, "apply", "-f", "-"], yaml);

    /// <summary>Creates a namespace and waits for its default service account, which Pods need and the controller-manager adds later.</summary>
    public async Task CreateNamespaceAsync(string ns)
    {
        await RunAsync(["create", "namespace", ns]);
        await Eventually.ThatAsync(
            async () => (await TryRunAsync(["-n", ns, "get", "serviceaccount", "default"])).ExitCode == 0,
            TimeSpan.FromSeconds(60),
            $"service account default in {ns}");
    }
}
