using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The status of a step whose container has not terminated.</summary>
internal static class UnfinishedStep
{
    /// <summary>
    /// A running container runs its command only once every dependency has finished; until then the entrypoint
    /// is waiting, so the step is Waiting, not Running. A step held for debugging is Running with its own reason.
    /// </summary>
    public static StepStatus Read(
        StepArguments step, ContainerState container, IReadOnlyDictionary<string, StepStatus> finished, PodOutcome pod, string? podName)
    {
        var pending = step.After.Where(d => !finished.ContainsKey(d)).ToList();
        if (pod.Finished)
        {
            return Abandoned(step, container, pending, pod, CommandStart(step, container, finished));
        }

        if (container.Phase != ContainerPhase.Running)
        {
            return new StepStatus(step.Step, StepState.Waiting, null, null, null, container.Reason, container.Message);
        }

        if (pending.Count > 0)
        {
            return new StepStatus(
                step.Step, StepState.Waiting, null, null, null, "WaitingForDependencies", $"waiting for {string.Join(", ", pending)}");
        }

        if (HeldStep.IsHeld(step, container))
        {
            return HeldStep.Read(step, CommandStart(step, container, finished), podName);
        }

        return new StepStatus(step.Step, StepState.Running, CommandStart(step, container, finished), null, null, null, null);
    }

    /// <summary>
    /// The command starts when the last dependency finishes, or when the container starts if that was later
    /// (e.g. a slow image pull).
    /// </summary>
    private static DateTimeOffset? CommandStart(
        StepArguments step, ContainerState container, IReadOnlyDictionary<string, StepStatus> finished)
    {
        var times = step.After
            .Select(d => finished.GetValueOrDefault(d)?.FinishedAt)
            .Append(container.StartedAt)
            .Where(t => t is not null)
            .ToList();
        return times.Count == 0 ? null : times.Max();
    }

    /// <summary>
    /// The Pod ended (deadline, eviction, deletion) before this step's container did: a step whose command was
    /// running failed with the Pod; one that never got to run was skipped.
    /// </summary>
    private static StepStatus Abandoned(
        StepArguments step, ContainerState container, List<string> pending, PodOutcome pod, DateTimeOffset? commandStart)
    {
        var ran = container.Phase == ContainerPhase.Running && pending.Count == 0;
        return new StepStatus(
            step.Step,
            ran ? StepState.Failed : StepState.Skipped,
            ran ? commandStart : null,
            null,
            null,
            pod.Reason ?? "PodFinished",
            pod.Message ?? $"the Pod is {pod.Phase} but this step had not finished");
    }
}
