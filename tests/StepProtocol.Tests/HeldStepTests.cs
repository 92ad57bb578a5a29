using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// A step is held for debugging exactly when its container runs, is ready (its held probe succeeds) and was converted
/// with --debug=on-failure; anything less is an ordinary running or waiting step.
/// </summary>
public sealed class HeldStepTests
{
    private static System.Text.Json.Nodes.JsonNode Pod(string flags, bool ready, string after = "") => Fixtures.Parse(
        "{\"metadata\":{\"name\":\"run-1-abcde\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"command\":[\"/kueueleuleu/entrypoint\"],"
        + "\"args\":[\"run\",\"--step=a\",\"--after=" + after + "\"," + flags + "\"--termination-budget=4096\",\"--\",\"false\"]}]},"
        + "\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"a\",\"ready\":" + (ready ? "true" : "false")
        + ",\"state\":{\"running\":{\"startedAt\":\"2026-11-23T08:00:00Z\"}}}]}}");

    [Fact]
    public void A_ready_debug_step_is_held_and_the_message_says_how_to_end_it_and_for_how_long()
    {
        var step = Assert.Single(StepStatusReader.Read(Pod("\"--debug=on-failure\",\"--debug-timeout=45m\",", ready: true)));

        Assert.Equal((StepState.Running, StepReasons.HeldForDebugging), (step.State, step.Reason));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), step.StartedAt);
        Assert.Contains("for at most 45m after the failure", step.Message, StringComparison.Ordinal);
        Assert.EndsWith("end the hold with: kubectl exec run-1-abcde -c a -- /kueueleuleu/entrypoint release", step.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_debug_timeout_the_entrypoints_hour_is_named()
    {
        var step = Assert.Single(StepStatusReader.Read(Pod("\"--debug=on-failure\",", ready: true)));

        Assert.Contains("for at most 1h after the failure", step.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"--debug=on-failure\",", false)]
    [InlineData("", true)]
    public void Running_without_both_the_flag_and_readiness_is_just_running(string flags, bool ready)
    {
        var step = Assert.Single(StepStatusReader.Read(Pod(flags, ready)));

        Assert.Equal(new StepStatus("a", StepState.Running, DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null, null), step);
    }
}
