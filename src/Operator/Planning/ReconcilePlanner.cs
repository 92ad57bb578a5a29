using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Validation;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;
using Kueueleuleu.Operator.Planning.Images;

namespace Kueueleuleu.Operator.Planning;

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
/// <item>No Job although the status says it was created: the server is asked first (<see cref="ReconcilePlan.VerifyJobAbsence"/>),
/// as the cache may just be behind. Gone after the run finished (the operator's own <see cref="JobTtl"/>): the status is
/// kept. Gone before the outcome was recorded (deleted by someone else): the run fails with reason <c>JobDeleted</c>. In
/// no case is the Job created again: the steps never run twice because the operator lost track.</item>
/// <item>A Job the server refused to create: <c>Stalled</c> True with reason <c>JobCreateFailed</c> and the server's
/// message, retried with growing intervals (<see cref="RetryPacing"/>).</item>
/// <item>A finished run whose outcome is stored, with <c>spec.ttlSecondsAfterFinished</c>: the Job is deleted once it
/// expires (<see cref="JobTtl"/>).</item>
/// <item>A SequentialJob being deleted: nothing to do, owner references cascade.</item>
/// </list>
/// </remarks>
internal static class ReconcilePlanner
{
    /// <summary>The JSON merge patch key of the last <c>suspend</c> value propagated to the Job.</summary>
    internal const string SuspendAnnotation = SequentialJobApi.Group + "/suspend";

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

        if (input.Job is null && StatusDeriver.JobWasCreated(source.OldStatus, source.JobName) && !input.JobAbsenceConfirmed)
        {
            return ReconcilePlan.VerifyJob;
        }

        if (input.Job is null && source.CachedSpec is not null && StatusDeriver.AfterJobGone(source.OldStatus, source.JobName, input.Now) is null)
        {
            // The Job is to be built (or the spec validated again): that needs the whole spec, which the cache did not keep.
            // A spec already found invalid at this generation is not read again: it has not changed.
            return InvalidAtThisGeneration(source) ? ReconcilePlan.Nothing : ReconcilePlan.FetchWhole;
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

        if (SequentialJobValidator.Validate(source.Spec) is { Count: > 0 } invalid)
        {
            return new Draft(Invalid(invalid));
        }

        var (needs, platformError) = ImageNeeds.Of(source.Spec.ToJobSpec()["template"] as JsonObject, input.Settings.DefaultPlatform);
        if (platformError is not null)
        {
            return new Draft(Invalid([platformError]));
        }

        if (ImageGate.Hold(needs, input.Images) is var (held, retry))
        {
            return new Draft(held, Hints: retry is { } wait ? [wait] : []);
        }

        var (job, reservation, errors) = JobBuilder.Build(source, source.Spec, input.Settings, input.LimitRanges, ImageGate.Facts(needs, input.Images));
        if (job is null)
        {
            return new Draft(Invalid(errors));
        }

        return input.JobCreateRefusal is { } refusal
            ? CreateRefused(source, refusal, input.Now)
            : new Draft(StatusDeriver.ForNewJob(job, reservation), JobToCreate: job);
    }

    private static Draft CreateRefused(SourceObject source, ApiRefusal refusal, DateTimeOffset now)
    {
        var stalled = source.OldStatus?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled);
        var since = stalled is { Status: ConditionStatus.True, Reason: ConditionReasons.JobCreateFailed } ? stalled.LastTransitionTime : (DateTimeOffset?)null;
        var wait = RetryPacing.Next(since, now);
        var message = $"the API server refused to create Job {source.JobName}: {refusal}. The operator tries again, at most {StatusText.Duration(RetryPacing.Longest)} apart; the run starts once the Job can be created";
        return new Draft(StatusDeriver.Blocked(ConditionReasons.JobCreateFailed, message), Hints: [wait]);
    }

    private static bool InvalidAtThisGeneration(SourceObject source) =>
        source.OldStatus is { ObservedGeneration: { } observed } old && observed == source.Generation
        && old.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled) is { Status: ConditionStatus.True, Reason: ConditionReasons.InvalidSpec };

    private static Assessment Invalid(IReadOnlyList<FieldError> errors) => StatusDeriver.Blocked(
        ConditionReasons.InvalidSpec,
        $"the spec cannot run: {string.Join("; ", errors)}. Fix the spec; the Job is created once it is valid");

    private static Draft Foreign(SourceObject source, JsonObject job, ReconcileSettings settings)
    {
        var owner = Ownership.Controller(job) is { } reference
            ? $"it is controlled by {JsonRead.Text(reference, "kind")} {JsonRead.Text(reference, "name")} (uid {JsonRead.Text(reference, "uid")})"
            : "it has no controller";
        var message = $"a Job named {source.JobName} already exists in namespace {source.Namespace} and is not controlled by this SequentialJob ({owner}); it is left untouched. " +
            "Delete or rename that Job, or give the SequentialJob another name. A Job left by a deleted SequentialJob of the same name goes away once garbage-collected";
        return new Draft(StatusDeriver.Blocked(ConditionReasons.JobNameTaken, message), Hints: [settings.BlockedRetryInterval]);
    }

    private static Draft WithJob(SourceObject source, JsonObject job, ReconcileInput input)
    {
        var facts = JobFacts.Read(job);
        var pods = PodAttempts.Of(facts.Uid, input.Pods);
        var assessment = StatusDeriver.FromJob(facts, pods, source.OldStatus, input.JobEvents) with { SpecChangeNote = SpecChanges.Note(source, facts) };
        var hints = RequeueHints.ForRun(facts, pods.Count == 0 ? null : pods[^1], assessment.Status, input.Now).ToList();
        var deletion = default(JobDeletion);
        if (JobTtl.Deadline(source.RawSpec, assessment.Status) is { } deadline && facts.Finished && facts.Uid is { } uid)
        {
            if (deadline > input.Now)
            {
                hints.Add(deadline - input.Now);
            }
            else if (JobTtl.Expired(source, input.Now))
            {
                deletion = new JobDeletion(facts.Name, uid);
            }

            // Otherwise the outcome is not stored yet: writing it brings the next reconcile, which deletes the Job.
        }

        return new Draft(assessment, JobPatch: SuspendPatch(source, job, facts), JobToDelete: deletion, Hints: hints);
    }

    /// <summary>
    /// Propagates a change of <c>spec.suspend</c> without enforcing it: the Job records the last value propagated
    /// (<see cref="SuspendAnnotation"/>), and only a SequentialJob value that differs from that record is patched. A
    /// queueing controller (Kueue) that suspends and resumes the Job itself is thus not fought, and servers that drop
    /// <c>suspend</c> (1.20) are not patched on every reconcile.
    /// </summary>
    private static JsonObject? SuspendPatch(SourceObject source, JsonObject job, JobFacts facts)
    {
        if (!source.SpecReadable || facts.Finished)
        {
            return null;
        }

        var desired = source.Suspend;
        var recorded = JsonRead.Text(job, "metadata", "annotations", SuspendAnnotation) is { } text ? text == "true" : facts.Suspend;
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
        status.Reason = ReasonColumn(assessment.Summary);
        status.Conditions = Conditions.Build(assessment, source.OldStatus?.Conditions, source.Generation, now);
        var encoded = StatusCodec.Encode(status);
        var changed = !StatusCodec.SameMeaning(source.OldStatus, encoded);
        var events = changed ? EventPlanner.Plan(source.OldStatus, status, draft.JobToCreate is not null, assessment.SpecChangeNote, assessment.EarlierAttempts) : [];
        var deadline = Retention.Deadline(source, status);
        var delete = deadline <= now;
        var hints = draft.Hints.Concat(deadline > now ? [deadline.Value - now] : []).ToList();
        return new ReconcilePlan(
            draft.JobToCreate,
            draft.JobPatch,
            changed ? encoded : null,
            events,
            draft.JobToDelete,
            delete,
            delete || hints.Count == 0 ? null : hints.Min(),
            StatusChange: changed ? new StatusChange(source.OldStatus, status) : null);
    }

    /// <summary>
    /// <c>status.reason</c>: the summary's reason when the run failed, cannot start, is suspended or is held up; nothing
    /// while it is created, waits its turn, runs or has succeeded.
    /// </summary>
    private static string? ReasonColumn(RunSummary summary) => summary switch
    {
        { Situation: RunSituation.Succeeded } => null,
        { Situation: RunSituation.Pending or RunSituation.Running, Reason: ConditionReasons.Creating or ConditionReasons.Pending or ConditionReasons.Running } => null,
        _ => summary.Reason,
    };

    /// <summary>What one branch of the planner decided, before the common finish.</summary>
    private sealed record Draft(
        Assessment Assessment,
        JsonObject? JobToCreate = null,
        JsonObject? JobPatch = null,
        JobDeletion? JobToDelete = null,
        IReadOnlyList<TimeSpan>? Hints = null)
    {
        public IReadOnlyList<TimeSpan> Hints { get; init; } = Hints ?? [];
    }
}
