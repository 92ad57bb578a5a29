using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>kubectl against the local cluster's admin kubeconfig, with a bound on every call.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public async Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("kubectl", ["--kubeconfig", kubeconfig, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var bound = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task<string> RunAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var (exit, stdout, stderr) = await TryRunAsync(args, stdin, timeout);
        return exit == 0 ? stdout : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({exit}): {stderr}{stdout}");
    }

    public async Task<JsonObject> GetJsonAsync(string ns, string resource) =>
        JsonNode.Parse(await RunAsync(["-n", ns, "get", resource, "-o", "json"]))!.AsObject();

    public Task ApplyAsync(string ns, string yaml) => RunAsync(["-n", ns, "apply", "-f", "-"], yaml);
}
