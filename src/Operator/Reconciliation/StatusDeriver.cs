using System.Text.Json.Nodes;
using Kueueleuleu.Converter.Status;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Reconciliation;

/// <summary>
/// Derives a SequentialJob's status (all but its conditions) from its Job and the Pods of that Job. The latest Pod
/// (by <c>creationTimestamp</c>) is the current attempt and gives the steps; the Job's terminal condition decides
/// Succeeded or Failed, so a failed Pod that the Job retries keeps the run Running.
/// </summary>
internal static class StatusDeriver
{
    /// <summary>The status while the Job is being created: Pending, every step Waiting.</summary>
    public static Assessment ForNewJob(JsonObject job)
    {
        var name = JsonRead.String(job, "metadata", "name") ?? string.Empty;
        var status = WithSteps(StepsOfTemplate(JsonRead.At(job, "spec", "template") as JsonObject));
        status.Phase = SequentialJobPhase.Pending;
        status.JobName = name;
        status.CurrentStep = status.Steps?.FirstOrDefault()?.Name;
        return new Assessment(status, new RunSummary(RunSituation.Pending, ConditionReasons.Creating, $"creating Job {name}"));
    }

    /// <summary>The status of a SequentialJob that cannot get a Job: Pending, without steps.</summary>
    public static Assessment Blocked(string reason, string message) =>
        new(new SequentialJobStatus { Phase = SequentialJobPhase.Pending }, new RunSummary(RunSituation.Blocked, reason, message));

    /// <summary>The status read from the SequentialJob's own Job and that Job's Pods.</summary>
    public static Assessment FromJob(JobFacts job, IReadOnlyList<JsonObject> pods)
    {
        var current = pods.Count == 0 ? null : pods[^1];
        var status = WithSteps(current is null ? StepsOfTemplate(job.Template) : StepStatusReader.Read(current));
        status.JobName = job.Name;
        status.PodName = current is null ? null : JsonRead.String(current, "metadata", "name");
        status.Attempts = PodAttempts.Count(pods, job);
        status.StartTime = job.StartTime;
        status.Phase = PhaseOf(job, pods, status);
        if (status.Phase is SequentialJobPhase.Succeeded or SequentialJobPhase.Failed)
        {
            Finish(status, job.CompletionTime ?? job.Complete?.Time ?? job.FailedCondition?.Time);
        }
        else
        {
            status.CurrentStep = CurrentStep(status)?.Name;
        }

        return new Assessment(status, RunSummarizer.Summarize(job, current, status));
    }

    /// <summary>
    /// The status once the Job is gone: a finished run keeps its status (the Job's own
    /// <c>ttlSecondsAfterFinished</c> deletes it on purpose, and running the steps again would be wrong); a run that was
    /// going on fails with <see cref="ConditionReasons.JobDeleted"/>. Returns <see langword="null"/> when the old status
    /// never saw the Job run (it may just not be in the cache yet), so the Job is (re)created.
    /// </summary>
    public static Assessment? AfterJobGone(SequentialJobStatus? old, string jobName, DateTimeOffset now)
    {
        if (old?.JobName != jobName)
        {
            return null;
        }

        var status = StatusCodec.Decode(StatusCodec.Encode(old))!;
        switch (old.Phase)
        {
            case SequentialJobPhase.Succeeded:
                return new Assessment(status, Kept(old, RunSituation.Succeeded, ConditionTypes.Complete, ConditionReasons.Succeeded));
            case SequentialJobPhase.Failed:
                return new Assessment(status, Kept(old, RunSituation.Failed, ConditionTypes.Failed, ConditionReasons.JobFailed));
            case SequentialJobPhase.Running:
                status.Phase = SequentialJobPhase.Failed;
                Finish(status, Conditions.Truncate(now));
                var message = $"Job {jobName} was deleted before the run finished ({status.Progress} steps done); create a new SequentialJob to run the steps again";
                return new Assessment(status, new RunSummary(RunSituation.Failed, ConditionReasons.JobDeleted, message));
            default:
                return null;
        }
    }

    /// <summary>The step states of a pod template that has not run: every step Waiting.</summary>
    private static IReadOnlyList<StepStatus> StepsOfTemplate(JsonObject? template) =>
        template?["spec"] is JsonObject spec ? StepStatusReader.Read(new JsonObject { ["spec"] = spec.DeepClone() }) : [];

    private static SequentialJobStatus WithSteps(IReadOnlyList<StepStatus> steps) => new()
    {
        Steps = [.. steps.Select(SequentialJobStepStatus.From)],
        Waiting = steps.Count(s => s.State == StepState.Waiting),
        Running = steps.Count(s => s.State == StepState.Running),
        Succeeded = steps.Count(s => s.State == StepState.Succeeded),
        Failed = steps.Count(s => s.State == StepState.Failed),
        Skipped = steps.Count(s => s.State == StepState.Skipped),
        Progress = StatusText.Progress(steps.Select(s => s.State)),
    };

    private static SequentialJobPhase PhaseOf(JobFacts job, IReadOnlyList<JsonObject> pods, SequentialJobStatus status)
    {
        if (job.Complete is not null)
        {
            return SequentialJobPhase.Succeeded;
        }

        if (job.FailedCondition is not null)
        {
            return SequentialJobPhase.Failed;
        }

        var started = job.Failed > 0 || job.Succeeded > 0 || pods.Any(PodAttempts.Started) || status.Waiting < status.Steps!.Count;
        return started ? SequentialJobPhase.Running : SequentialJobPhase.Pending;
    }

    private static void Finish(SequentialJobStatus status, DateTimeOffset? completionTime)
    {
        status.CompletionTime = completionTime;
        status.CurrentStep = null;
        status.Duration = status.StartTime is { } start && completionTime is { } end ? StatusText.Duration(end - start) : null;
    }

    /// <summary>The running step (the first in step order), else the first waiting one.</summary>
    private static SequentialJobStepStatus? CurrentStep(SequentialJobStatus status) =>
        status.Steps?.FirstOrDefault(s => s.State == StepState.Running)
        ?? status.Steps?.FirstOrDefault(s => s.State == StepState.Waiting);

    private static RunSummary Kept(SequentialJobStatus old, RunSituation situation, string type, string fallbackReason)
    {
        var condition = old.Conditions?.FirstOrDefault(c => c.Type == type);
        return new RunSummary(situation, condition?.Reason is { Length: > 0 } reason ? reason : fallbackReason, condition?.Message ?? string.Empty);
    }
}
