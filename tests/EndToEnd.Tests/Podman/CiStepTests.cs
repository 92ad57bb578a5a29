using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// Issue 13's step policies in raw manifests (the <c>kueueleuleu.io/steps</c> and <c>kueueleuleu.io/debug</c> annotations),
/// converted by the real CLI and played in podman: retries, steps that run on failure or always, results, and a step held
/// for debugging. Each test checks the markers and container logs, the termination messages as the kubelet would read
/// them, and what the step-status reader makes of those.
/// </summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class CiStepTests
{
    [Fact]
    public async Task A_flaky_step_succeeds_on_its_third_attempt_and_an_unneeded_OnFailure_step_does_not_fail_the_pod()
    {
        var run = await ConvertedPod.RunAsync("ci-flaky.yaml");

        Assert.Equal(("succeeded", 0), (run["flaky"].State, run["flaky"].ExitCode));
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], run["flaky"].Output.Split('\n').Where(l => l.StartsWith("attempt ", StringComparison.Ordinal)));
        // Each attempt is introduced by one line of the entrypoint; there are 1 + 4 retries at most.
        Assert.Contains("kueueleuleu: step \"flaky\" attempt 2 of 5", run["flaky"].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("kueueleuleu: step \"flaky\" attempt 3 of 5", run["flaky"].Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("attempt 4 of 5", run["flaky"].Diagnostics, StringComparison.Ordinal);
        Assert.StartsWith("kueueleuleu/3 flaky succeeded 0 ", run["flaky"].TerminationMessage, StringComparison.Ordinal);
        Assert.Contains(" 3:5,5 1\nr attempt 2 3%0A\n", run["flaky"].TerminationMessage, StringComparison.Ordinal);
        Assert.Equal(("condition-false", 0), (run["on-failure"].State, run["on-failure"].ExitCode));
        Assert.DoesNotContain("on-failure ran", run["on-failure"].Output, StringComparison.Ordinal);
        Assert.Contains("next read 3", run["next"].Output, StringComparison.Ordinal);
        Assert.All(run.Containers, c => Assert.Equal(0, c.ExitCode));
    }

    [Fact]
    public async Task The_reader_reports_the_attempts_and_the_result_of_the_flaky_step()
    {
        var steps = StepStatusReader.Read((await ConvertedPod.RunAsync("ci-flaky.yaml")).ToKubeletPod());

        var flaky = steps.Single(s => s.Name == "flaky");
        Assert.Equal((StepState.Succeeded, (int?)0, (int?)3), (flaky.State, flaky.ExitCode, flaky.Attempts));
        Assert.Equal(["5", "5"], flaky.EarlierAttempts);
        Assert.Equal([new StepResult("attempt", "3\n", 2, false)], flaky.Results);
        var skipped = steps.Single(s => s.Name == "on-failure");
        Assert.Equal((StepState.Skipped, StepReasons.ConditionNotMet), (skipped.State, skipped.Reason));
    }

    [Fact]
    public async Task An_always_step_reads_the_failed_steps_results_in_full_and_the_pod_still_fails()
    {
        var run = await ConvertedPod.RunAsync("ci-report.yaml");

        Assert.Equal(("failed", 1), (run["test"].State, run["test"].ExitCode));
        Assert.Equal(("succeeded", 0), (run["report"].State, run["report"].ExitCode));
        Assert.Contains("summary: failures=1", run["report"].Output, StringComparison.Ordinal);
        Assert.Contains("log bytes: 5000", run["report"].Output, StringComparison.Ordinal);
        Assert.Equal("skipped", run["publish"].State);
        Assert.NotEqual(0, run["publish"].ExitCode);
        Assert.DoesNotContain("publish ran", run["publish"].Output, StringComparison.Ordinal);

        // The 5000-byte log does not fit the test step's 3072 bytes: its r line has no value; the summary's has.
        var message = run["test"].TerminationMessage!;
        Assert.StartsWith("kueueleuleu/3 test failed 1 ", message, StringComparison.Ordinal);
        Assert.Contains("\nr log 5000\n", message, StringComparison.Ordinal);
        Assert.Contains("\nr summary 11 failures=1%0A\n", message, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message) <= 12288 / 4, message);

        var steps = StepStatusReader.Read(run.ToKubeletPod());
        var test = steps.Single(s => s.Name == "test");
        Assert.Equal((StepState.Failed, (int?)1), (test.State, test.ExitCode));
        Assert.Equal([new StepResult("log", null, 5000, true), new StepResult("summary", "failures=1\n", 11, false)], test.Results);
        Assert.Equal(StepState.Succeeded, steps.Single(s => s.Name == "report").State);
        Assert.Equal((StepState.Skipped, "DependencyFailed"), (steps.Single(s => s.Name == "publish").State, steps.Single(s => s.Name == "publish").Reason));
    }

    [Fact]
    public async Task A_cleanup_step_runs_after_a_step_that_timed_out()
    {
        var run = await ConvertedPod.RunAsync("ci-cleanup.yaml");

        Assert.Equal(("timed-out", 124), (run["slow"].State, run["slow"].ExitCode));
        Assert.Equal(("succeeded", 0), (run["cleanup"].State, run["cleanup"].ExitCode));
        Assert.Contains("cleaned up", run["cleanup"].Output, StringComparison.Ordinal);
        Assert.Equal("skipped", run["after"].State);
        Assert.DoesNotContain("after ran", run["after"].Output, StringComparison.Ordinal);
        Assert.True(run["cleanup"].CommandStartedAt >= run["slow"].CommandFinishedAt);
    }

    [Fact]
    public async Task A_held_step_can_be_entered_and_released_and_its_dependant_waits_meanwhile()
    {
        var pod = await ConvertedPod.StartAsync("ci-held.yaml");
        var container = $"{pod.Name}-broken";
        await pod.WaitForLogAsync("broken", "held for debugging", TimeSpan.FromMinutes(2));

        var evidence = await Podman.RunAsync("exec", container, "cat", "/tmp/evidence");
        Assert.Equal("evidence\n", evidence.StandardOutput);
        var probe = await ProcessRunner.RunAsync("podman", ["exec", container, "/kueueleuleu/entrypoint", "held", "--step=broken"]);
        Assert.Equal(0, probe.ExitCode);
        var logs = await ProcessRunner.RunAsync("podman", ["logs", $"{pod.Name}-next"]);
        Assert.DoesNotContain("next ran", logs.StandardOutput, StringComparison.Ordinal);
        var release = await Podman.RunAsync("exec", container, "/kueueleuleu/entrypoint", "release");
        var run = await pod.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains("kubectl exec", run["broken"].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("/kueueleuleu/entrypoint release", run["broken"].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(("failed", 3), (run["broken"].State, run["broken"].ExitCode));
        Assert.Equal("skipped", run["next"].State);
        Assert.DoesNotContain("next ran", run["next"].Output, StringComparison.Ordinal);
        Assert.True(run["next"].FinishedAt >= run["broken"].CommandFinishedAt, release.StandardError);
    }
}
