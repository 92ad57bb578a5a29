using Kueueleuleu.Entities;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>The Events of issue 13's step policies: retried attempts and held steps, each once.</summary>
public sealed class StepEventTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> FlakyOutcomes =
        new Dictionary<string, IReadOnlyList<string>> { ["flaky"] = ["1", "t"] };

    private static SequentialJobStatus Status(params SequentialJobStepStatus[] steps) =>
        new() { PodName = "run-abcde", JobName = "run", Attempts = 1, Phase = SequentialJobPhase.Running, Steps = [.. steps] };

    private static SequentialJobStepStatus Step(string name, StepState state, int? attempts = null, string? reason = null, string? message = null) =>
        new() { Name = name, State = state, Attempts = attempts, Reason = reason, Message = message, ExitCode = state is StepState.Succeeded ? 0 : null };

    private static List<string> Events(SequentialJobStatus? old, SequentialJobStatus next, IReadOnlyDictionary<string, IReadOnlyList<string>>? outcomes = null) =>
        EventPlanner.Plan(old, next, creatingJob: false, specChangeNote: null, outcomes).Select(e => $"{e.Type} {e.Reason}: {e.Message}").ToList();

    [Fact]
    public void A_step_that_succeeded_on_its_third_attempt_gets_one_StepRetried_per_earlier_attempt_before_its_outcome()
    {
        var events = Events(Status(Step("flaky", StepState.Running, attempts: 3)), Status(Step("flaky", StepState.Succeeded, attempts: 3)), FlakyOutcomes);

        Assert.Equal(
            [
                "Normal StepRetried: step flaky: attempt 1 of 3 exited with 1; retried",
                "Normal StepRetried: step flaky: attempt 2 of 3 timed out; retried",
                "Normal StepSucceeded: step flaky succeeded",
            ],
            events);
    }

    [Fact]
    public void Retries_are_reported_when_the_step_fails_after_its_last_attempt_too()
    {
        var outcomes = new Dictionary<string, IReadOnlyList<string>> { ["flaky"] = ["2"] };
        var failed = Step("flaky", StepState.Failed, attempts: 2, reason: "Error", message: "exited with code 2");

        var events = Events(Status(Step("flaky", StepState.Running)), Status(failed), outcomes);

        Assert.Equal("Normal StepRetried: step flaky: attempt 1 of 2 exited with 2; retried", events[0]);
        Assert.StartsWith("Warning StepFailed: step flaky failed", events[1], StringComparison.Ordinal);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Retries_are_reported_once_the_finished_step_is_stored()
    {
        var done = Status(Step("flaky", StepState.Succeeded, attempts: 3));

        Assert.Empty(Events(done, Status(Step("flaky", StepState.Succeeded, attempts: 3)), FlakyOutcomes));
    }

    [Fact]
    public void A_step_that_succeeded_on_its_first_attempt_despite_retries_and_a_step_without_retries_get_no_StepRetried()
    {
        var events = Events(
            Status(Step("once", StepState.Running, attempts: 1), Step("plain", StepState.Running)),
            Status(Step("once", StepState.Succeeded, attempts: 1), Step("plain", StepState.Succeeded)));

        Assert.Equal(["Normal StepSucceeded: step once succeeded", "Normal StepSucceeded: step plain succeeded"], events);
    }

    [Fact]
    public void Outcomes_the_termination_message_did_not_carry_are_reported_as_failed()
    {
        var events = Events(Status(Step("flaky", StepState.Running)), Status(Step("flaky", StepState.Succeeded, attempts: 2)));

        Assert.Equal("Normal StepRetried: step flaky: attempt 1 of 2 failed; retried", events[0]);
    }

    [Fact]
    public void A_held_step_is_warned_about_once_with_how_to_end_the_hold()
    {
        const string How = "held for debugging until 2026-12-05T12:00:00Z; end it with: kubectl exec run-abcde -c test -- /kueueleuleu/entrypoint release";
        var held = Status(Step("test", StepState.Running, reason: StepReasons.HeldForDebugging, message: How));

        var first = Events(Status(Step("test", StepState.Running)), held);
        var again = Events(held, Status(Step("test", StepState.Running, reason: StepReasons.HeldForDebugging, message: How)));

        Assert.Equal([$"Warning StepHeld: step test is held for debugging: {How}"], first);
        Assert.Empty(again);
    }

    [Fact]
    public void A_step_first_seen_held_is_reported_started_and_held()
    {
        var events = Events(Status(Step("test", StepState.Waiting)), Status(Step("test", StepState.Running, reason: StepReasons.HeldForDebugging, message: "m")));

        Assert.Equal(["Warning StepHeld: step test is held for debugging: m", "Normal StepStarted: step test started"], events);
    }

    [Fact]
    public void A_released_step_gets_its_failure_event_and_no_second_hold_warning()
    {
        var held = Status(Step("test", StepState.Running, reason: StepReasons.HeldForDebugging, message: "m"));
        var failed = Status(Step("test", StepState.Failed, reason: "Error", message: "exited with code 1"));

        var events = Events(held, failed);

        Assert.Equal(["Warning StepFailed: step test failed: exited with code 1"], events);
    }

    [Fact]
    public void A_step_whose_condition_was_not_met_is_reported_skipped_with_the_reason()
    {
        var events = Events(
            Status(Step("report", StepState.Waiting)),
            Status(Step("report", StepState.Skipped, reason: StepReasons.ConditionNotMet, message: "runs only when a dependency failed (when: OnFailure); every dependency succeeded; the command never ran")));

        Assert.Equal(["Normal StepSkipped: step report skipped: runs only when a dependency failed (when: OnFailure); every dependency succeeded; the command never ran"], events);
    }

    [Fact]
    public void A_new_Pod_reports_the_retries_of_its_steps_again()
    {
        var old = Status(Step("flaky", StepState.Succeeded, attempts: 3));
        var next = Status(Step("flaky", StepState.Succeeded, attempts: 2));
        next.PodName = "run-fghij";

        var events = Events(old, next, new Dictionary<string, IReadOnlyList<string>> { ["flaky"] = ["1"] });

        Assert.Equal(["Normal StepRetried: step flaky: attempt 1 of 2 exited with 1; retried", "Normal StepSucceeded: step flaky succeeded"], events);
    }
}
