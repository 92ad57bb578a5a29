using Kueueleuleu.Converter.Status;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// The step-status reader on Pods that carry the real exit codes and termination messages of podman runs.
/// Set KUEUELEULEU_CAPTURE_DIR to also write each Pod and the reader's result as converter test fixtures.
/// </summary>
[Collection(SerialPodman.Name)]
public sealed class StepStatusTests
{
    [Fact]
    public async Task Reader_reports_a_failure_and_the_skipped_step_after_it()
    {
        var steps = await ReadAsync("failure.yaml");

        Assert.Equal([StepState.Succeeded, StepState.Failed, StepState.Skipped], steps.Select(s => s.State));
        Assert.Equal(3, steps[1].ExitCode);
        Assert.Null(steps[2].StartedAt);
        Assert.True(steps[1].StartedAt >= steps[0].FinishedAt);
    }

    [Fact]
    public async Task Reader_reports_a_tolerated_failure_as_failed_and_the_next_step_as_succeeded()
    {
        var steps = await ReadAsync("continue.yaml");

        Assert.Equal((StepState.Failed, "ContinuedOnError", (int?)4), (steps[0].State, steps[0].Reason, steps[0].ExitCode));
        Assert.Equal(StepState.Succeeded, steps[1].State);
    }

    [Fact]
    public async Task Reader_reports_a_timeout()
    {
        var steps = await ReadAsync("timeout.yaml");

        Assert.Equal((StepState.Failed, "TimedOut"), (steps[0].State, steps[0].Reason));
        Assert.Equal(StepState.Skipped, steps[1].State);
    }

    [Fact]
    public async Task Reader_reports_every_step_of_a_DAG_with_its_real_times()
    {
        var run = await ConvertedPod.RunAsync("dag.yaml");
        var steps = StepStatusReader.Read(run.ToKubeletPod());

        Assert.All(steps, s => Assert.Equal(StepState.Succeeded, s.State));
        // The markers carry nanoseconds; DateTimeOffset holds 100 ns ticks, so compare to the microsecond.
        Assert.Equal(run.Containers.Select(c => Micro(c.CommandStartedAt)), steps.Select(s => Micro(s.StartedAt)));
        Assert.Equal(run.Containers.Select(c => Micro(c.CommandFinishedAt)), steps.Select(s => Micro(s.FinishedAt)));
    }

    private static long? Micro(DateTimeOffset? time) => time?.UtcTicks / 10;

    private static async Task<IReadOnlyList<StepStatus>> ReadAsync(string manifest)
    {
        var pod = (await ConvertedPod.RunAsync(manifest)).ToKubeletPod();
        var steps = StepStatusReader.Read(pod);
        await Support.FixtureCapture.WriteAsync("podman-" + Path.GetFileNameWithoutExtension(manifest), pod, steps);
        return steps;
    }
}
