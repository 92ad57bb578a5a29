using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>A pod that podman is running; wait for it or signal one of its containers.</summary>
public sealed class RunningPod(string name, JsonObject pod)
{
    /// <summary>The pod's name.</summary>
    public string Name => name;

    /// <summary>Sends <paramref name="signal"/> to the step container's PID 1 (the entrypoint).</summary>
    public Task SignalAsync(string step, string signal) =>
        Podman.RunAsync("kill", "--signal", signal, $"{name}-{step}");

    /// <summary>Blocks until the step container prints <paramref name="text"/> in its logs.</summary>
    public Task WaitForLogAsync(string step, string text, TimeSpan timeout) =>
        Eventually.ThatAsync(
            async () =>
            {
                var logs = await ProcessRunner.RunAsync("podman", ["logs", $"{name}-{step}"]);
                return (logs.StandardOutput + logs.StandardError).Contains(text, StringComparison.Ordinal);
            },
            timeout,
            $"{step} to print '{text}'");

    /// <summary>Waits until every step container has exited, then collects the run.</summary>
    public async Task<PodRun> WaitAsync(TimeSpan timeout)
    {
        var containers = pod["spec"]!["containers"]!.AsArray()
            .Select(c => $"{name}-{c!["name"]!.GetValue<string>()}");
        await ProcessRunner.RunAsync("podman", ["wait", .. containers], timeout: timeout);
        return await Podman.CollectAsync(name, pod);
    }
}
