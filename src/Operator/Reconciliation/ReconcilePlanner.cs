using System.Text.Json.Nodes;
using Kueueleuleu.Entities.Validation;

namespace Kueueleuleu.Operator.Reconciliation;

/// <summary>
/// The functional core of the SequentialJob reconciler: from the SequentialJob, its Job and that Job's Pods (read from the
/// caches) and the time, computes what to change. Pure: no I/O, no clock, the inputs are not modified.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>No Job: the Job is built (<see cref="JobBuilder"/>) and planned for creation, status Pending. An invalid spec
/// gives no Job but <c>Stalled</c> True with reason <c>InvalidSpec</c> naming the field paths, and a Warning Event.</item>
/// <item>A Job with the name but another controller: <c>Stalled</c> True with reason <c>JobNameTaken</c>; that Job is
/// never touched. A retry is requeued, as that Job may be the leftover of a deleted namesake being garbage-collected.</item>
/// <item>Its own Job: the status is derived from the Job and its Pods (<see cref="StatusDeriver"/>); a changed
/// <c>spec.suspend</c> is patched onto the Job; other spec changes are reported (<see cref="SpecChanges"/>).</item>
/// <item>The Job gone after the run finished (the Job's own <c>ttlSecondsAfterFinished</c>): the status is kept and the
/// steps do not run again. Gone while running: the run fails with reason <c>JobDeleted</c>.</item>
/// <item>A SequentialJob being deleted: nothing to do, owner references cascade.</item>
/// </list>
/// </remarks>
internal static class ReconcilePlanner
{
    /// <summary>The JSON merge patch key of the last <c>suspend</c> value propagated to the Job.</summary>
    internal const string SuspendAnnotation = Entities.SequentialJobApi.Group + "/suspend";

    /// <summary>Plans one reconcile.</summary>
    /// <param name="input">The SequentialJob, its Job and Pods, the time and the settings.</param>
    /// <returns>What to change; <see cref="ReconcilePlan.IsEmpty"/> when the status already tells the truth.</returns>
    public static ReconcilePlan Plan(ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = SourceObject.Read(input.SequentialJob);
        if (source.Deleting)
        {
            return ReconcilePlan.Nothing;
        }

        var draft = input.Job switch
        {
            null => WithoutJob(source, input),
            var job when !Ownership.IsControlledBy(job, source.Uid) => Foreign(source, job, input.Settings),
            var job => WithJob(source, job, input),
        };
        return Finish(source, draft, input.Now);
    }

    private static Draft WithoutJob(SourceObject source, ReconcileInput input)
    {
        if (StatusDeriver.AfterJobGone(source.OldStatus, source.JobName, input.Now) is { } gone)
        {
            return new Draft(gone);
        }

        if (source.Spec is null)
        {
            return new Draft(Invalid(source.SpecErrors));
        }

        var (job, errors) = JobBuilder.Build(source, source.Spec, input.Settings);
        return job is null ? new Draft(Invalid(errors)) : new Draft(StatusDeriver.ForNewJob(job), JobToCreate: job);
    }

    private static Assessment Invalid(IReadOnlyList<FieldError> errors) => StatusDeriver.Blocked(
        ConditionReasons.InvalidSpec,
        $"the spec cannot run: {string.Join("; ", errors)}. Fix the spec; the Job is created once it is valid");

    private static Draft Foreign(SourceObject source, JsonObject job, ReconcileSettings settings)
    {
        var owner = Ownership.Controller(job) is { } reference
            ? $"it is controlled by {JsonRead.String(reference, "kind")} {JsonRead.String(reference, "name")} (uid {JsonRead.String(reference, "uid")})"
            : "it has no controller";
        var message = $"a Job named {source.JobName} already exists in namespace {source.Namespace} and is not controlled by this SequentialJob ({owner}); it is left untouched. " +
            "Delete or rename that Job, or give the SequentialJob another name. A Job left by a deleted SequentialJob of the same name goes away once garbage-collected";
        return new Draft(StatusDeriver.Blocked(ConditionReasons.JobNameTaken, message), Hints: [settings.BlockedRetryInterval]);
    }

    private static Draft WithJob(SourceObject source, JsonObject job, ReconcileInput input)
    {
        var facts = JobFacts.Read(job);
        var pods = PodAttempts.Of(facts.Uid, input.Pods);
        var assessment = StatusDeriver.FromJob(facts, pods) with { SpecChangeNote = SpecChanges.Note(source, facts) };
        var hints = RequeueHints.ForRun(facts, pods.Count == 0 ? null : pods[^1], assessment.Status, input.Now);
        return new Draft(assessment, JobPatch: SuspendPatch(source, job, facts), Hints: [.. hints]);
    }

    /// <summary>
    /// Propagates a change of <c>spec.suspend</c> without enforcing it: the Job records the last value propagated
    /// (<see cref="SuspendAnnotation"/>), and only a SequentialJob value that differs from that record is patched. A
    /// queueing controller (Kueue) that suspends and resumes the Job itself is thus not fought, and servers that drop
    /// <c>suspend</c> (1.20) are not patched on every reconcile.
    /// </summary>
    private static JsonObject? SuspendPatch(SourceObject source, JsonObject job, JobFacts facts)
    {
        if (source.Spec is null || facts.Finished)
        {
            return null;
        }

        var desired = source.Spec.Suspend ?? false;
        var recorded = JsonRead.String(job, "metadata", "annotations", SuspendAnnotation) is { } text ? text == "true" : facts.Suspend;
        return desired == recorded ? null : new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [SuspendAnnotation] = desired ? "true" : "false" } },
            ["spec"] = new JsonObject { ["suspend"] = desired },
        };
    }

    private static ReconcilePlan Finish(SourceObject source, Draft draft, DateTimeOffset now)
    {
        var assessment = draft.Assessment;
        var status = assessment.Status;
        status.ObservedGeneration = source.Generation;
        status.Conditions = Conditions.Build(assessment, source.OldStatus?.Conditions, source.Generation, now);
        var encoded = StatusCodec.Encode(status);
        var changed = !StatusCodec.SameMeaning(source.RawStatus, encoded);
        var events = changed ? EventPlanner.Plan(source.OldStatus, status, draft.JobToCreate is not null, assessment.SpecChangeNote) : [];
        var deadline = Retention.Deadline(source, status);
        var delete = deadline <= now;
        var hints = draft.Hints.Concat(deadline > now ? [deadline.Value - now] : []).ToList();
        return new ReconcilePlan(
            draft.JobToCreate,
            draft.JobPatch,
            changed ? encoded : null,
            events,
            delete,
            delete || hints.Count == 0 ? null : hints.Min());
    }

    /// <summary>What one branch of the planner decided, before the common finish.</summary>
    private sealed record Draft(
        Assessment Assessment,
        JsonObject? JobToCreate = null,
        JsonObject? JobPatch = null,
        IReadOnlyList<TimeSpan>? Hints = null)
    {
        public IReadOnlyList<TimeSpan> Hints { get; init; } = Hints ?? [];
    }
}
