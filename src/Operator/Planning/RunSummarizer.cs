using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>Sums up a run read from its Job: the reason and message its conditions carry.</summary>
internal static partial class RunSummarizer
{
    /// <summary>Sums up the run; <paramref name="status"/> already holds the phase and steps.</summary>
    /// <param name="job">The Job.</param>
    /// <param name="currentPod">The Pod of the latest attempt, if any.</param>
    /// <param name="status">The derived status.</param>
    /// <param name="obstacle">What holds the unfinished run up, if anything: it becomes the reason and message.</param>
    public static RunSummary Summarize(JobFacts job, JsonObject? currentPod, SequentialJobStatus status, RunObstacle? obstacle) => status.Phase switch
    {
        SequentialJobPhase.Succeeded => new(RunSituation.Succeeded, ConditionReasons.Succeeded, SuccessMessage(status)),
        SequentialJobPhase.Failed => Failure(job, status),
        _ when job.IsSuspended => new(
            RunSituation.Suspended,
            ConditionReasons.Suspended,
            $"Job {job.Name} is suspended: no Pod runs until spec.suspend is false ({status.Progress} steps done)"),
        SequentialJobPhase.Running => obstacle is null
            ? new(RunSituation.Running, ConditionReasons.Running, RunningMessage(status))
            : new(RunSituation.Running, obstacle.Reason, Attempt(status) + obstacle.Message),
        _ => obstacle is null
            ? new(RunSituation.Pending, ConditionReasons.Pending, PendingMessage(job, currentPod, status))
            : new(RunSituation.Pending, obstacle.Reason, obstacle.Message),
    };

    private static string SuccessMessage(SequentialJobStatus status)
    {
        var took = status.Duration is null ? string.Empty : $" in {status.Duration}";
        return StepText.Invariant($"all {status.Steps?.Count ?? 0} steps done{took}: {StepText.Counts(status)}");
    }

    /// <summary>
    /// A failure names the step that caused it and the Job's own verdict. The reason is the Job's
    /// <c>DeadlineExceeded</c> when the time ran out (a step was cut short, not broken), else
    /// <see cref="ConditionReasons.StepFailed"/> when a step failed, else the Job's reason.
    /// </summary>
    private static RunSummary Failure(JobFacts job, SequentialJobStatus status)
    {
        var culprit = StepText.Culprit(status.Steps);
        var jobReason = job.FailedCondition?.Reason is { } r && ReasonPattern().IsMatch(r) ? r : null;
        var reason = jobReason == "DeadlineExceeded" ? jobReason
            : culprit is not null ? ConditionReasons.StepFailed
            : jobReason ?? ConditionReasons.JobFailed;
        var verdict = StepText.Invariant($"Job {job.Name} failed after {status.Attempts} attempt(s)")
            + (jobReason is null ? string.Empty : $": {jobReason}")
            + (job.FailedCondition?.Message is { Length: > 0 } m ? $" ({m})" : string.Empty);
        var message = culprit is null ? verdict : $"{StepText.Failure(culprit)}; {verdict}";
        return new RunSummary(RunSituation.Failed, reason, message);
    }

    private static string RunningMessage(SequentialJobStatus status)
    {
        var step = status.Steps!.FirstOrDefault(s => s.Name == status.CurrentStep);
        return Attempt(status) + (step is null ? $"{status.Progress} steps done" : StepPhrase(status.Steps!, step));
    }

    private static string Attempt(SequentialJobStatus status) =>
        status.Attempts > 1 ? StepText.Invariant($"attempt {status.Attempts}: ") : string.Empty;

    private static string PendingMessage(JobFacts job, JsonObject? pod, SequentialJobStatus status)
    {
        if (pod is null)
        {
            return $"waiting for Job {job.Name} to start a Pod";
        }

        var phase = JsonRead.Text(pod, "status", "phase") ?? "Pending";
        var step = status.Steps?.FirstOrDefault(s => s.Name == status.CurrentStep);
        var detail = step is null ? string.Empty : $": {StepPhrase(status.Steps!, step)}";
        return $"Pod {status.PodName} is {phase}{detail}";
    }

    /// <summary><c>step 2/3 test running</c>, <c>step 2/3 test held for debugging (...)</c>, or <c>step 1/3 build waiting (ErrImagePull: ...)</c>.</summary>
    private static string StepPhrase(IList<SequentialJobStepStatus> steps, SequentialJobStepStatus step)
    {
        var position = StepText.Position(steps, step);
        if (step.Reason == StepReasons.HeldForDebugging)
        {
            return $"{position} held for debugging" + (step.Message is { Length: > 0 } how ? $" ({how})" : string.Empty);
        }

        if (step.State == StepState.Running)
        {
            return $"{position} running";
        }

        var why = step.Reason is null ? string.Empty
            : step.Message is { Length: > 0 } message ? $" ({step.Reason}: {message})"
            : $" ({step.Reason})";
        return $"{position} {step.State.ToString().ToLowerInvariant()}{why}";
    }

    /// <summary>metav1.Condition's reason pattern: a Job reason that does not match it is not copied.</summary>
    [GeneratedRegex("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();
}
