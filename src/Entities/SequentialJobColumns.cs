using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>The columns of <c>kubectl get sjob</c>.</summary>
public static class SequentialJobColumns
{
    /// <summary>
    /// Phase, the reason when something is wrong, steps done over all, current step, duration and age; with
    /// <c>-o wide</c> also the Job, the Pod, the number of attempts and the message of the <c>Ready</c> condition.
    /// </summary>
    public static IReadOnlyList<PrinterColumn> All { get; } =
    [
        new("Phase", "string", ".status.phase", "Where the run stands."),
        new("Reason", "string", ".status.reason", "Why the run failed, cannot start or is held up; empty while it goes as it should."),
        new("Steps", "string", ".status.progress", "Finished steps over all steps."),
        new("Current", "string", ".status.currentStep", "The step running now."),
        new("Duration", "string", ".status.duration", "How long the run took, once finished."),
        new("Age", "date", ".metadata.creationTimestamp", "Time since the SequentialJob was created."),
        new("Job", "string", ".status.jobName", "The Job running the steps.", 1),
        new("Pod", "string", ".status.podName", "The Pod of the latest attempt.", 1),
        new("Attempts", "integer", ".status.attempts", "Pods tried so far.", 1),
        new("Message", "string", ".status.conditions[?(@.type==\"Ready\")].message", "What the run is doing or why it is not.", 1),
    ];
}
