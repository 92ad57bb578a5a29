using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The Events for the transition from the stored status to the new one. Everything is derived from the two statuses, so
/// planning again once the new status is stored gives no Event: Events are idempotent with the status write.
/// </summary>
internal static class EventPlanner
{
    /// <summary>Plans the Events, in the order things happened: Job, retry, steps, run outcome, problems.</summary>
    /// <param name="old">The stored status.</param>
    /// <param name="next">The new status.</param>
    /// <param name="creatingJob">Whether the Job is being created.</param>
    /// <param name="specChangeNote">What to say about a spec change the Job cannot follow, if any.</param>
    /// <param name="earlierAttempts">Per step, the outcomes of its attempts before the last (exit codes, <c>t</c>), if known.</param>
    public static List<PlannedEvent> Plan(
        SequentialJobStatus? old,
        SequentialJobStatus next,
        bool creatingJob,
        string? specChangeNote,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? earlierAttempts = null)
    {
        var events = new List<PlannedEvent>();
        if (creatingJob && old?.JobName != next.JobName)
        {
            events.Add(Normal(EventReasons.JobCreated, $"created Job {next.JobName}"));
            if (ReservationEvent(next.Reservation) is { } reservation)
            {
                events.Add(reservation);
            }
        }

        if (next.Attempts > Math.Max(old?.Attempts ?? 0, 1))
        {
            events.Add(Retry(old, next));
        }

        events.AddRange(StepEvents(old, next, earlierAttempts ?? new Dictionary<string, IReadOnlyList<string>>()));
        events.AddRange(RunEvents(old, next, specChangeNote));
        return events;
    }

    /// <summary>
    /// Why the Pod requests the sum although the policy is Peak: a LimitRange refused the peak (a Warning, as the Pod may
    /// now wait for room the run does not need), or the Pod is Guaranteed (Normal: its class was kept as asked).
    /// </summary>
    private static PlannedEvent? ReservationEvent(SequentialJobReservation? reservation) => reservation?.Reason switch
    {
        ReservationChoice.Reasons.LimitRange => Warning(EventReasons.RequestsAsWritten, reservation.Message ?? string.Empty),
        ReservationChoice.Reasons.Guaranteed => Normal(EventReasons.RequestsAsWritten, reservation.Message ?? string.Empty),
        _ => null,
    };

    private static PlannedEvent Retry(SequentialJobStatus? old, SequentialJobStatus next)
    {
        var after = old?.PodName is { } previous && previous != next.PodName ? $" after Pod {previous} failed" : string.Empty;
        var pod = next.PodName is null ? string.Empty : $" in Pod {next.PodName}";
        return Warning(EventReasons.PodRetry, StepText.Invariant($"attempt {next.Attempts}: the steps run again from the first{pod}{after}"));
    }

    /// <summary>
    /// One Event per step whose state changed. A new Pod is a new attempt: its steps are compared with nothing (all
    /// Waiting), so a step that succeeds again is reported again. A step that finished after retries first gets one
    /// <see cref="EventReasons.StepRetried"/> per earlier attempt: its attempts run in one container, whose only record of
    /// them is its final termination message, so they are reported together, once, with the state change that brought
    /// that message. A step held for debugging is Running, like before its hold: the hold is told by its reason.
    /// </summary>
    private static IEnumerable<PlannedEvent> StepEvents(
        SequentialJobStatus? old, SequentialJobStatus next, IReadOnlyDictionary<string, IReadOnlyList<string>> earlierAttempts)
    {
        var before = old?.PodName == next.PodName
            ? (old?.Steps ?? []).GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : [];
        foreach (var step in next.Steps ?? [])
        {
            var previous = before.GetValueOrDefault(step.Name);
            if (step.Reason == StepReasons.HeldForDebugging && previous?.Reason != StepReasons.HeldForDebugging)
            {
                yield return Warning(EventReasons.StepHeld, $"step {step.Name} is held for debugging" + (step.Message is { Length: > 0 } how ? $": {how}" : string.Empty));
            }

            var was = previous?.State ?? StepState.Waiting;
            if (was == step.State)
            {
                continue;
            }

            if (step.State is StepState.Succeeded or StepState.Failed && step.Attempts > 1)
            {
                foreach (var retried in Retried(step, earlierAttempts.GetValueOrDefault(step.Name) ?? []))
                {
                    yield return retried;
                }
            }

            switch (step.State)
            {
                case StepState.Running:
                    yield return Normal(EventReasons.StepStarted, $"step {step.Name} started");
                    break;
                case StepState.Succeeded:
                    yield return Normal(EventReasons.StepSucceeded, $"step {step.Name} succeeded{Took(step)}");
                    break;
                case StepState.Failed:
                    yield return Warning(EventReasons.StepFailed, StepText.Failure(step) + (step.Message is { Length: > 0 } m ? $": {m}" : string.Empty));
                    break;
                case StepState.Skipped:
                    yield return Normal(EventReasons.StepSkipped, $"step {step.Name} skipped" + (step.Message is { Length: > 0 } why ? $": {why}" : string.Empty));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// <c>step NAME: attempt K of N exited with CODE; retried</c> (or <c>timed out</c>) for each attempt before the last;
    /// without the outcome when the termination message did not carry it.
    /// </summary>
    private static IEnumerable<PlannedEvent> Retried(SequentialJobStepStatus step, IReadOnlyList<string> outcomes)
    {
        var attempts = step.Attempts ?? 1;
        for (var k = 1; k < attempts; k++)
        {
            var outcome = k <= outcomes.Count ? outcomes[k - 1] : null;
            var what = outcome switch
            {
                null => "failed",
                "t" => "timed out",
                var code => $"exited with {code}",
            };
            yield return Normal(EventReasons.StepRetried, StepText.Invariant($"step {step.Name}: attempt {k} of {attempts} {what}; retried"));
        }
    }

    /// <summary>Events for the run as a whole, from the conditions: outcome, suspension, and problems.</summary>
    private static IEnumerable<PlannedEvent> RunEvents(SequentialJobStatus? old, SequentialJobStatus next, string? specChangeNote)
    {
        var wasStalled = Find(old, ConditionTypes.Stalled);
        var stalled = Find(next, ConditionTypes.Stalled);
        var reconciling = Find(next, ConditionTypes.Reconciling);
        var wasReconciling = Find(old, ConditionTypes.Reconciling);
        if (next.Phase == SequentialJobPhase.Succeeded && old?.Phase != SequentialJobPhase.Succeeded)
        {
            yield return Normal(EventReasons.Succeeded, Find(next, ConditionTypes.Complete)?.Message ?? "the run succeeded");
        }

        if (next.Phase == SequentialJobPhase.Failed && old?.Phase != SequentialJobPhase.Failed)
        {
            yield return Warning(EventReasons.Failed, Find(next, ConditionTypes.Failed)?.Message ?? "the run failed");
        }

        var suspended = reconciling?.Reason == ConditionReasons.Suspended;
        var wasSuspended = wasReconciling?.Reason == ConditionReasons.Suspended;
        if (suspended != wasSuspended && (suspended || old is not null))
        {
            yield return suspended
                ? Normal(EventReasons.Suspended, reconciling!.Message)
                : Normal(EventReasons.Resumed, $"Job {next.JobName} resumed");
        }

        // A problem is reported when it appears or its message changes (another field is wrong, a newer generation).
        if (stalled is { Status: ConditionStatus.True, Reason: ConditionReasons.InvalidSpec or ConditionReasons.JobNameTaken or ConditionReasons.JobCreateFailed }
            && (wasStalled?.Reason != stalled.Reason || wasStalled.Message != stalled.Message))
        {
            yield return Warning(stalled.Reason, stalled.Message);
        }

        // Something holds the run up (RunObstacle): reported when it appears or another takes its place, not each time the
        // cluster rewords it (a quota's "used" figure changes).
        if (reconciling is { Status: ConditionStatus.True } && !IsProgressReason(reconciling.Reason) && wasReconciling?.Reason != reconciling.Reason)
        {
            yield return Warning(reconciling.Reason, reconciling.Message);
        }

        if (specChangeNote is not null && wasStalled?.Message.Contains(specChangeNote, StringComparison.Ordinal) != true)
        {
            yield return Warning(EventReasons.SpecChangeIgnored, specChangeNote);
        }
    }

    /// <summary>The reasons of a run that goes as it should.</summary>
    private static bool IsProgressReason(string reason) =>
        reason is ConditionReasons.Creating or ConditionReasons.Pending or ConditionReasons.Running or ConditionReasons.ResolvingImages;

    private static Condition? Find(SequentialJobStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static string Took(SequentialJobStepStatus step) =>
        step.StartedAt is { } start && step.FinishedAt is { } end ? $" in {StatusText.Duration(end - start)}" : string.Empty;

    private static PlannedEvent Normal(string reason, string message) => PlannedEvent.Create(EventTypes.Normal, reason, message);

    private static PlannedEvent Warning(string reason, string message) => PlannedEvent.Create(EventTypes.Warning, reason, message);
}
