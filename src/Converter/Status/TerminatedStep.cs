namespace Kueueleuleu.Converter.Status;

/// <summary>The status of a step whose container has terminated.</summary>
internal static class TerminatedStep
{
    /// <summary>
    /// Reads the step from the entrypoint's termination message when there is a usable one (it knows the real
    /// command times and the outcome), else from the container state alone.
    /// </summary>
    public static StepStatus Read(string name, ContainerState container)
    {
        var message = TerminationMessage.Parse(container.Message, name);
        return message is null ? FromContainer(name, container) : FromMessage(name, message, container);
    }

    private static StepStatus FromMessage(string name, TerminationMessage message, ContainerState container)
    {
        var (state, reason) = message.State switch
        {
            "succeeded" => (StepState.Succeeded, null),
            "timed-out" => (StepState.Failed, "TimedOut"),
            "continued" => (StepState.Failed, "ContinuedOnError"),
            "skipped" => (StepState.Skipped, "DependencyFailed"),
            _ => (StepState.Failed, SpecificReason(container.Reason) ?? "Error"),
        };

        // A skipped step's command never ran: it has neither a start time nor an exit code of its own.
        var skipped = state == StepState.Skipped;
        return new StepStatus(
            name,
            state,
            skipped ? null : message.StartedAt,
            message.FinishedAt ?? container.FinishedAt,
            skipped ? null : message.ExitCode,
            reason,
            message.Message);
    }

    private static StepStatus FromContainer(string name, ContainerState container)
    {
        var succeeded = container.ExitCode == 0;
        return new StepStatus(
            name,
            succeeded ? StepState.Succeeded : StepState.Failed,
            container.StartedAt,
            container.FinishedAt,
            container.ExitCode,
            succeeded ? null : SpecificReason(container.Reason) ?? "Error",
            container.Message);
    }

    /// <summary>The kubelet's reason when it says more than "it ended" (e.g. <c>OOMKilled</c>, <c>ContainerCannotRun</c>).</summary>
    private static string? SpecificReason(string? reason) => reason is null or "Error" or "Completed" ? null : reason;
}
