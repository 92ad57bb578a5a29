using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Derives a SequentialJob's status (all but its conditions) from its Job and the Pods of that Job. The latest Pod
/// (by <c>creationTimestamp</c>) is the current attempt and gives the steps; the Job's terminal condition decides
/// Succeeded or Failed, so a failed Pod that the Job retries keeps the run Running.
/// </summary>
internal static class StatusDeriver
{
    /// <summary>The status while the Job is being created: Pending, every step Waiting, what its Pod reserves.</summary>
    public static Assessment ForNewJob(JsonObject job, SequentialJobReservation? reservation)
    {
        var name = JsonRead.Text(job, "metadata", "name") ?? string.Empty;
        var status = WithSteps(StepsOfTemplate(JsonRead.At(job, "spec", "template") as JsonObject));
        status.Phase = SequentialJobPhase.Pending;
        status.JobName = name;
        status.Reservation = reservation;
        status.CurrentStep = status.Steps?.FirstOrDefault()?.Name;
        return new Assessment(status, new RunSummary(RunSituation.Pending, ConditionReasons.Creating, $"creating Job {name}"));
    }

    /// <summary>The status of a SequentialJob that cannot get a Job: Pending, without steps.</summary>
    public static Assessment Blocked(string reason, string message) =>
        new(new SequentialJobStatus { Phase = SequentialJobPhase.Pending }, new RunSummary(RunSituation.Blocked, reason, message));

    /// <summary>The status read from the SequentialJob's own Job and that Job's Pods.</summary>
    /// <param name="job">The Job.</param>
    /// <param name="pods">Its Pods, oldest first.</param>
    /// <param name="old">
    /// The stored status: its attempt count never goes down while the Job is the same, as the Pods of earlier attempts
    /// may be deleted (by hand, by an eviction) and then no longer counted; its reservation is kept.
    /// </param>
    /// <param name="jobEvents">Warning Events about the Job (its <c>FailedCreate</c>), for <see cref="RunObstacle"/>.</param>
    public static Assessment FromJob(JobFacts job, IReadOnlyList<JsonObject> pods, SequentialJobStatus? old, IReadOnlyList<JsonObject> jobEvents)
    {
        var current = pods.Count == 0 ? null : pods[^1];
        var steps = current is null ? StepsOfTemplate(job.Template) : StepStatusReader.Read(current);
        var status = WithSteps(steps);
        status.JobName = job.Name;
        status.PodName = current is null ? null : JsonRead.Text(current, "metadata", "name");
        status.Attempts = Math.Max(PodAttempts.Count(pods, job), old?.JobName == job.Name ? old.Attempts : 0);
        // Recorded when the Job was built; the cached Job no longer holds the requests.
        status.Reservation = old?.JobName == job.Name ? old.Reservation : null;
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

        var obstacle = RunObstacle.Find(job, pods, jobEvents, status.Steps);
        return new Assessment(status, RunSummarizer.Summarize(job, current, status, obstacle), EarlierAttempts: EarlierAttempts(steps));
    }

    private static Dictionary<string, IReadOnlyList<string>> EarlierAttempts(IReadOnlyList<StepStatus> steps) =>
        steps.Where(s => s.EarlierAttempts.Count > 0)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().EarlierAttempts, StringComparer.Ordinal);

    /// <summary>
    /// Whether the stored status records that the Job was created for the run (the operator writes the Job's name into
    /// the status only after the create succeeded) and the run was not finished.
    /// </summary>
    public static bool JobWasCreated(SequentialJobStatus? old, string jobName) =>
        old?.JobName == jobName && old.Phase is SequentialJobPhase.Pending or SequentialJobPhase.Running;

    /// <summary>
    /// The status once the Job is gone, as the server confirmed. A finished run keeps its status: the operator deletes the
    /// Job only after the outcome is stored (<see cref="JobTtl"/>), and running the steps again would be wrong. A run whose
    /// outcome was not recorded (the Job deleted by someone else, before or after it finished) fails with
    /// <see cref="ConditionReasons.JobDeleted"/> and is not started again. Returns <see langword="null"/> when the status
    /// never recorded the Job, so that it is created.
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
            case SequentialJobPhase.Pending or SequentialJobPhase.Running:
                var message = $"Job {jobName} was deleted before the operator recorded the run's outcome ({old.Progress} steps done as last seen); " +
                    "its steps are not run again. To run them again, create a new SequentialJob (or delete and re-create this one)";
                status.Phase = SequentialJobPhase.Failed;
                EndUnfinishedSteps(status, now);
                Finish(status, Conditions.Truncate(now));
                return new Assessment(status, new RunSummary(RunSituation.Failed, ConditionReasons.JobDeleted, message));
            default:
                return null;
        }
    }

    /// <summary>
    /// Steps whose outcome will never be known once the Job is gone: a running step is Failed (it was cut short), a waiting
    /// one Skipped (it never ran), both with reason <see cref="ConditionReasons.JobDeleted"/>; the counters follow.
    /// </summary>
    private static void EndUnfinishedSteps(SequentialJobStatus status, DateTimeOffset now)
    {
        foreach (var step in status.Steps ?? [])
        {
            if (step.State == StepState.Running)
            {
                (step.State, step.FinishedAt, step.Reason, step.Message) = (StepState.Failed, Conditions.Truncate(now), ConditionReasons.JobDeleted, "the Job was deleted while the step ran");
            }
            else if (step.State == StepState.Waiting)
            {
                (step.State, step.Reason, step.Message) = (StepState.Skipped, ConditionReasons.JobDeleted, "the Job was deleted before the step ran");
            }
        }

        CountSteps(status);
    }

    /// <summary>The step states of a pod template that has not run: every step Waiting.</summary>
    private static IReadOnlyList<StepStatus> StepsOfTemplate(JsonObject? template) =>
        template?["spec"] is JsonObject spec ? StepStatusReader.Read(new JsonObject { ["spec"] = spec.DeepClone() }) : [];

    private static SequentialJobStatus WithSteps(IReadOnlyList<StepStatus> steps)
    {
        var status = new SequentialJobStatus { Steps = [.. steps.Select(SequentialJobStepStatus.From)] };
        CountSteps(status);
        return status;
    }

    /// <summary>Sets the per-state counters and the progress from the steps' states.</summary>
    private static void CountSteps(SequentialJobStatus status)
    {
        var states = (status.Steps ?? []).Select(s => s.State).ToList();
        status.Waiting = states.Count(s => s == StepState.Waiting);
        status.Running = states.Count(s => s == StepState.Running);
        status.Succeeded = states.Count(s => s == StepState.Succeeded);
        status.Failed = states.Count(s => s == StepState.Failed);
        status.Skipped = states.Count(s => s == StepState.Skipped);
        status.Progress = StatusText.Progress(states);
    }

    private static SequentialJobPhase PhaseOf(JobFacts job, IReadOnlyList<JsonObject> pods, SequentialJobStatus status)
    {
        var started = job.Failed > 0 || job.Succeeded > 0 || pods.Any(PodAttempts.Started) || status.Waiting < status.Steps!.Count;
        if (job.Finished && StepsStillToBeRead(pods, status))
        {
            // The Job controller saw the Pod end before the Pod cache did: the outcome comes with the Pod's next event.
            return SequentialJobPhase.Running;
        }

        if (job.Complete is not null)
        {
            return SequentialJobPhase.Succeeded;
        }

        if (job.FailedCondition is not null)
        {
            return SequentialJobPhase.Failed;
        }

        return started ? SequentialJobPhase.Running : SequentialJobPhase.Pending;
    }

    /// <summary>Whether the latest Pod, as cached, has not ended although some of its steps have not finished.</summary>
    private static bool StepsStillToBeRead(IReadOnlyList<JsonObject> pods, SequentialJobStatus status) =>
        pods.Count > 0 && !PodAttempts.Ended(pods[^1])
        && PodAttempts.Started(pods[^1])
        && (status.Steps ?? []).Any(s => s.State is StepState.Waiting or StepState.Running);

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
