using System.Globalization;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// A step killed with SIGKILL: its container's PID 1 (the entrypoint, as the OOM killer of a cgroup v2 node or a
/// node-level kill does: nothing of the step survives to write an outcome), or only its command (the OOM killer of a
/// cgroup v1 node, which the entrypoint survives and reports). Either way the steps after it end on their own.
/// </summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class KilledStepTests(ITestOutputHelper output)
{
    /// <summary>Only stops a broken run from hanging; the time it really takes is printed, not asserted.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_a_steps_PID_1_skips_the_steps_after_it_and_ends_the_pod()
    {
        var pod = await ConvertedPod.StartAsync("killed.yaml");
        await pod.WaitForLogAsync("doomed", "ready", Bound);

        var killedAt = DateTimeOffset.UtcNow;
        HostProcesses.Kill(await PidOfAsync(pod, "doomed"));
        var run = await pod.WaitAsync(Bound);

        Assert.Equal(137, run["doomed"].ExitCode);
        Assert.Null(run["doomed"].Marker);
        foreach (var name in new[] { "after", "last" })
        {
            Assert.Equal(("skipped", 125), (run[name].State, run[name].ExitCode));
            Assert.DoesNotContain("ran", run[name].Output, StringComparison.Ordinal);
        }

        Assert.Contains("dependency \"doomed\" ended without recording an outcome", run["after"].Marker!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("dependency \"after\" is skipped", run["last"].Marker!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var steps = StepStatusReader.Read(run.ToKubeletPod());
        Assert.Equal((StepState.Failed, 137), (steps[0].State, steps[0].ExitCode));
        Assert.Contains("killed by SIGKILL", steps[0].Message, StringComparison.Ordinal);
        Assert.Equal([StepState.Skipped, StepState.Skipped], steps.Skip(1).Select(s => s.State));
        Report(killedAt, run);
    }

    [Fact]
    public async Task Killing_a_steps_command_is_reported_by_its_entrypoint()
    {
        var pod = await ConvertedPod.StartAsync("killed.yaml");
        await pod.WaitForLogAsync("doomed", "ready", Bound);

        var killedAt = DateTimeOffset.UtcNow;
        HostProcesses.Kill(Assert.Single(HostProcesses.ChildrenOf(await PidOfAsync(pod, "doomed"))));
        var run = await pod.WaitAsync(Bound);

        Assert.Equal(("failed", 137), (run["doomed"].State, run["doomed"].ExitCode));
        Assert.Equal("killed by SIGKILL, exit code 137", run["doomed"].Marker!["message"]!.GetValue<string>());
        Assert.Equal(("skipped", 125), (run["after"].State, run["after"].ExitCode));
        Assert.Contains("dependency \"doomed\" is failed", run["after"].Marker!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("skipped", run["last"].State);
        Report(killedAt, run);
    }

    private static async Task<int> PidOfAsync(RunningPod pod, string step) =>
        int.Parse((await Podman.RunAsync("inspect", "--format", "{{.State.Pid}}", $"{pod.Name}-{step}")).StandardOutput.Trim(), CultureInfo.InvariantCulture);

    private void Report(DateTimeOffset killedAt, PodRun run)
    {
        var skipped = run["after"].CommandFinishedAt - killedAt;
        var dependant = run["after"].FinishedAt - killedAt;
        var whole = run.Containers.Max(c => c.FinishedAt) - killedAt;
        output.WriteLine(
            $"SIGKILL -> 'after' recorded its outcome: {skipped?.TotalMilliseconds:F1} ms; its container ended: {dependant.TotalMilliseconds:F0} ms; "
            + $"the pod's last container ended: {whole.TotalMilliseconds:F0} ms (information, not a test)");
    }
}
