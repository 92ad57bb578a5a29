using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>Failures, tolerated failures, timeouts and signals, in real containers.</summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class FailureTests
{
    [Fact]
    public async Task A_failing_step_skips_the_later_ones_and_fails_the_pod()
    {
        var run = await ConvertedPod.RunAsync("failure.yaml");

        Assert.Equal(("succeeded", 0), (run["first"].State, run["first"].ExitCode));
        Assert.Equal(("failed", 3), (run["second"].State, run["second"].ExitCode));
        Assert.Equal("skipped", run["third"].State);
        Assert.NotEqual(0, run["third"].ExitCode);
        Assert.DoesNotContain("third ran", run["third"].Output, StringComparison.Ordinal);
        Assert.Null(run["third"].CommandStartedAt);
    }

    [Fact]
    public async Task OnError_continue_lets_dependants_run_and_keeps_the_real_exit_code()
    {
        var run = await ConvertedPod.RunAsync("continue.yaml");

        Assert.Equal("continued", run["lint"].State);
        Assert.Equal(0, run["lint"].ExitCode);
        Assert.Equal(4, run["lint"].Marker!["exitCode"]!.GetValue<int>());
        Assert.Equal("succeeded", run["build"].State);
        Assert.Contains("build ran", run["build"].Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timed_out_step_is_killed_with_its_children_and_marked()
    {
        var run = await ConvertedPod.RunAsync("timeout.yaml");

        Assert.Equal(("timed-out", 124), (run["slow"].State, run["slow"].ExitCode));
        // The command sleeps a minute in a child process: the step ends long before that only if the group died.
        Assert.True(run["slow"].CommandFinishedAt - run["slow"].CommandStartedAt < TimeSpan.FromSeconds(30));
        Assert.Equal("skipped", run["after"].State);
    }

    [Fact]
    public async Task A_signal_sent_to_the_container_reaches_the_step()
    {
        var pod = await ConvertedPod.StartAsync("signal.yaml");
        await pod.WaitForLogAsync("trap", "ready", TimeSpan.FromSeconds(60));
        await pod.SignalAsync("trap", "TERM");
        var run = await pod.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("got TERM", run["trap"].Output, StringComparison.Ordinal);
        Assert.Equal(("failed", 7), (run["trap"].State, run["trap"].ExitCode));
        Assert.Equal("skipped", run["after"].State);
    }
}
