using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The status of a step whose container has terminated.</summary>
internal static class TerminatedStep
{
    /// <summary>
    /// Reads the step from the entrypoint's termination message when there is a usable one (it knows the real
    /// command times and the outcome), else from the container state alone.
    /// </summary>
    public static StepStatus Read(StepArguments step, ContainerState container)
    {
        var message = TerminationMessage.Parse(container.Message, step.Step);
        return message is null ? FromContainer(step.Step, container) : FromMessage(step, message, container);
    }

    private static StepStatus FromMessage(StepArguments step, TerminationMessage message, ContainerState container)
    {
        var name = step.Step;
        var (state, reason) = message.State switch
        {
            "succeeded" => (StepState.Succeeded, null),
            "timed-out" => (StepState.Failed, "TimedOut"),
            "continued" => (StepState.Failed, "ContinuedOnError"),
            "skipped" => (StepState.Skipped, StepReasons.DependencyFailed),
            "condition-false" => (StepState.Skipped, StepReasons.ConditionNotMet),
            _ => (StepState.Failed, SpecificReason(container.Reason) ?? "Error"),
        };

        // A skipped step's command never ran: it has neither a start time nor an exit code of its own. Fields the
        // kubelet cut off come from the container where it tells the same (its start is the command's at the earliest;
        // its finish is cut to the whole second, so it may not precede the command's start).
        var skipped = state == StepState.Skipped;
        var sameExitCode = message.State is "succeeded" or "failed";
        var started = skipped ? null : message.StartedAt ?? container.StartedAt;
        return new StepStatus(
            name,
            state,
            started,
            message.FinishedAt ?? Latest(container.FinishedAt, started),
            skipped ? null : message.ExitCode ?? (sameExitCode ? container.ExitCode : null),
            reason,
            message.Message,
            // Shown for a step that may retry, or did: for the others "1" says nothing.
            step.Retries > 0 || message.Attempts > 1 ? message.Attempts : null,
            message.EarlierAttempts,
            message.Results,
            message.ResultsNotReported);
    }

    /// <summary>
    /// Without the entrypoint's outcome the container's own end is all there is: most often its entrypoint was killed
    /// (SIGKILL of PID 1, the OOM killer of a cgroup v2 node, the node), so the message says so unless the container
    /// left one of its own.
    /// </summary>
    private static StepStatus FromContainer(string name, ContainerState container)
    {
        var succeeded = container.ExitCode == 0;
        var reason = succeeded ? null : SpecificReason(container.Reason) ?? "Error";
        return new StepStatus(
            name,
            succeeded ? StepState.Succeeded : StepState.Failed,
            container.StartedAt,
            container.FinishedAt,
            container.ExitCode,
            reason,
            container.Message ?? (succeeded ? null : WithoutOutcome(container.ExitCode, reason)));
    }

    private static string WithoutOutcome(int? exitCode, string? reason)
    {
        var how = (exitCode, reason) switch
        {
            (_, "OOMKilled") => $"it ran out of memory and was killed (OOMKilled, exit code {exitCode})",
            (137, _) => "it was killed by SIGKILL (exit code 137): the OOM killer, kill -9, or the node",
            (null, _) => "its container ended without an exit code",
            _ => $"its container exited with code {exitCode}",
        };
        return $"the step ended without recording an outcome: {how}";
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    /// <summary>The kubelet's reason when it says more than "it ended" (e.g. <c>OOMKilled</c>, <c>ContainerCannotRun</c>).</summary>
    private static string? SpecificReason(string? reason) => reason is null or "Error" or "Completed" ? null : reason;
}
