using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// The step-status reader on Pods that carry the real exit codes and termination messages of podman runs.
/// Set KUEUELEULEU_CAPTURE_DIR to also write each Pod and the reader's result as converter test fixtures.
/// </summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
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
        // The markers carry nanoseconds and DateTimeOffset holds 100 ns ticks: one parser may round where another
        // truncates, so the same instant may differ by one tick.
        AssertSameInstants(run.Containers.Select(c => c.CommandStartedAt), steps.Select(s => s.StartedAt));
        AssertSameInstants(run.Containers.Select(c => c.CommandFinishedAt), steps.Select(s => s.FinishedAt));
    }

    private static void AssertSameInstants(IEnumerable<DateTimeOffset?> expected, IEnumerable<DateTimeOffset?> actual)
    {
        var pairs = expected.Zip(actual).ToList();
        Assert.Equal(expected.Count(), actual.Count());
        Assert.All(pairs, p => Assert.True(
            p.First is { } e && p.Second is { } a && Math.Abs(e.UtcTicks - a.UtcTicks) <= 1,
            $"expected {p.First:O}, got {p.Second:O}"));
    }

    private static async Task<IReadOnlyList<StepStatus>> ReadAsync(string manifest)
    {
        var pod = (await ConvertedPod.RunAsync(manifest)).ToKubeletPod();
        var steps = StepStatusReader.Read(pod);
        await Support.FixtureCapture.WriteAsync("podman-" + Path.GetFileNameWithoutExtension(manifest), pod, steps);
        return steps;
    }
}
