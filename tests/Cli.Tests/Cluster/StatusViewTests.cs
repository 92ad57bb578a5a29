using Kueueleuleu.Cli.Cluster;

namespace Kueueleuleu.Cli.Tests.Cluster;

public sealed class StatusViewTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T09:32:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static string Render(string fixture) => StatusView.Render(StatusView.Read(ClusterFixtures.Load(fixture)), Now);

    [Fact]
    public void Succeeded_run_shows_every_step_with_duration_and_exit_code()
    {
        Assert.Equal(
            """
            sequentialjob/three  phase: Succeeded  progress: 3/3  pod: three-p642k  duration: 15s
            STEP  STATE      DURATION  EXIT  REASON/MESSAGE
            a     Succeeded  3s        0
            b     Succeeded  3s        0
            c     Succeeded  0s        0

            """.ReplaceLineEndings("\n"),
            Render("succeeded.json"));
    }

    [Fact]
    public void Failed_run_shows_the_failure_the_skipped_step_and_the_reason_in_the_header()
    {
        Assert.Equal(
            """
            sequentialjob/failing  phase: Failed  progress: 3/3  pod: failing-k777v  duration: 33s  reason: StepFailed: step build failed with exit code 3; Job failing failed after 1 attempt(s): BackoffLimitExceeded (Job has reached the specified backoff limit)
            STEP     STATE      DURATION  EXIT  REASON/MESSAGE
            fetch    Succeeded  0s        0
            build    Failed     0s        3     Error: exited with code 3
            publish  Skipped    -         -     DependencyFailed: dependency "build" is failed; the comma...

            """.ReplaceLineEndings("\n"),
            Render("failed.json"));
    }

    [Fact]
    public void A_held_step_is_followed_by_how_to_end_its_hold_and_retried_steps_show_their_attempts()
    {
        Assert.Equal(
            """
            sequentialjob/ci  phase: Running  progress: 2/4  current: test  pod: ci-x2v9q
            STEP     STATE      DURATION  EXIT  REASON/MESSAGE
            flaky    Succeeded  3s        0     3 attempts
            test     Running    16s       -     HeldForDebugging: failed with exit code 1; held for debug...
            report   Waiting    -         -     WaitingForDependencies: waiting for test
            publish  Waiting    -         -     WaitingForDependencies: waiting for test
            step test is held for debugging: failed with exit code 1; held for debugging until 2026-11-23T10:31:44Z; end it with: kubectl exec ci-x2v9q -c test -- /kueueleuleu/entrypoint release

            """.ReplaceLineEndings("\n"),
            Render("held.json"));
    }

    [Fact]
    public void Running_step_duration_counts_up_to_now_and_current_step_is_in_the_header()
    {
        Assert.Equal(
            """
            sequentialjob/running  phase: Running  progress: 1/3  current: build  pod: failing-k777v
            STEP     STATE      DURATION  EXIT  REASON/MESSAGE
            fetch    Succeeded  0s        0
            build    Running    15s       -
            publish  Waiting    -         -     WaitingForDependencies: waiting for build

            """.ReplaceLineEndings("\n"),
            Render("running.json"));
    }

    [Fact]
    public void Without_status_the_containers_are_listed_as_waiting()
    {
        Assert.Equal(
            """
            sequentialjob/pending  phase: Pending  progress: 0/3
            STEP     STATE    DURATION  EXIT  REASON/MESSAGE
            fetch    Waiting  -         -
            build    Waiting  -         -
            publish  Waiting  -         -

            """.ReplaceLineEndings("\n"),
            Render("pending.json"));
    }

    [Fact]
    public void Finished_only_for_succeeded_and_failed()
    {
        Assert.True(StatusView.IsFinished(StatusView.Read(ClusterFixtures.Load("succeeded.json"))));
        Assert.True(StatusView.IsFinished(StatusView.Read(ClusterFixtures.Load("failed.json"))));
        Assert.False(StatusView.IsFinished(StatusView.Read(ClusterFixtures.Load("running.json"))));
        Assert.False(StatusView.IsFinished(StatusView.Read(ClusterFixtures.Load("pending.json"))));
    }

    [Fact]
    public void Steps_settle_when_none_waits_or_runs()
    {
        Assert.True(StatusView.StepsSettled(StatusView.Read(ClusterFixtures.Load("failed.json"))));
        Assert.False(StatusView.StepsSettled(StatusView.Read(ClusterFixtures.Load("running.json"))));
        var stale = ClusterFixtures.Load("failed.json");
        stale["status"]!["steps"]![2]!["state"] = "Running";
        Assert.False(StatusView.StepsSettled(StatusView.Read(stale)));
    }

    [Theory]
    [InlineData(0.4, "0s")]
    [InlineData(45.9, "45s")]
    [InlineData(80, "1m20s")]
    [InlineData(7205, "2h0m5s")]
    [InlineData(-3, "0s")]
    public void Durations_are_whole_seconds_in_go_syntax(double seconds, string expected) =>
        Assert.Equal(expected, StatusView.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Long_or_multi_line_details_become_one_short_line()
    {
        var shortened = StatusView.Shorten("first line\nsecond line " + new string('x', 80));
        Assert.Equal(StatusView.MaxDetailLength, shortened.Length);
        Assert.StartsWith("first line second line xxx", shortened, StringComparison.Ordinal);
        Assert.EndsWith("...", shortened, StringComparison.Ordinal);
        Assert.Equal("short", StatusView.Shorten("short"));
    }

    [Fact]
    public void Unreadable_status_is_a_one_line_error_not_an_exception_dump()
    {
        var obj = ClusterFixtures.Load("running.json");
        obj["status"]!["steps"]![0]!["state"] = "Exploded";
        var error = Assert.Throws<ClusterCommandException>(() => StatusView.Read(obj));
        Assert.StartsWith("cannot read sequentialjob \"running\": ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
