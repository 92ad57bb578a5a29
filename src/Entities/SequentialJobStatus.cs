using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>The observed state of a SequentialJob, written by the operator through the status subresource.</summary>
[Description("The observed state of the run, written by the operator.")]
public sealed class SequentialJobStatus
{
    /// <summary>The <c>metadata.generation</c> this status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    [Description("The metadata.generation of the SequentialJob this status was computed from.")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Where the run stands.</summary>
    [JsonPropertyName("phase")]
    [Description("Where the run stands: Pending, Running, Succeeded or Failed.")]
    public SequentialJobPhase? Phase { get; set; }

    /// <summary>Why the run failed, cannot start, or is held up; absent while it goes as it should.</summary>
    [JsonPropertyName("reason")]
    [Description("Why the run failed (StepFailed, DeadlineExceeded, JobDeleted, ...), cannot start (InvalidSpec, " +
        "JobNameTaken, JobCreateFailed), waits for its images to be looked up (ResolvingImages), is held up " +
        "(ImageLookupFailed, PodCreateFailed, Unschedulable, ErrImagePull, ...) or is " +
        "Suspended: the REASON column. Absent while the run goes as it should; the conditions' message says more.")]
    public string? Reason { get; set; }

    /// <summary>The name of the Job created for the run.</summary>
    [JsonPropertyName("jobName")]
    [Description("The name of the Job the operator created (in the same namespace).")]
    public string? JobName { get; set; }

    /// <summary>The name of the Pod of the latest attempt.</summary>
    [JsonPropertyName("podName")]
    [Description("The name of the Pod of the latest attempt, whose steps are reported in steps.")]
    public string? PodName { get; set; }

    /// <summary>When the Job started.</summary>
    [JsonPropertyName("startTime")]
    [Description("When the Job started.")]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When the run finished, successfully or not.</summary>
    [JsonPropertyName("completionTime")]
    [Description("When the run finished, successfully or not. Retention counts from here.")]
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>The step running now (the first one in step order when several run).</summary>
    [JsonPropertyName("currentStep")]
    [Description("The step running now; the first in step order when several run at once. Absent when none runs.")]
    public string? CurrentStep { get; set; }

    /// <summary>How many steps are waiting.</summary>
    [JsonPropertyName("waiting")]
    [Minimum(0)]
    [Description("How many steps of the latest attempt are Waiting.")]
    public int Waiting { get; set; }

    /// <summary>How many steps are running.</summary>
    [JsonPropertyName("running")]
    [Minimum(0)]
    [Description("How many steps of the latest attempt are Running.")]
    public int Running { get; set; }

    /// <summary>How many steps succeeded.</summary>
    [JsonPropertyName("succeeded")]
    [Minimum(0)]
    [Description("How many steps of the latest attempt Succeeded.")]
    public int Succeeded { get; set; }

    /// <summary>How many steps failed.</summary>
    [JsonPropertyName("failed")]
    [Minimum(0)]
    [Description("How many steps of the latest attempt Failed (timed-out steps and steps that continued on error included).")]
    public int Failed { get; set; }

    /// <summary>How many steps were skipped.</summary>
    [JsonPropertyName("skipped")]
    [Minimum(0)]
    [Description("How many steps of the latest attempt were Skipped because a step they wait for failed.")]
    public int Skipped { get; set; }

    /// <summary>Finished steps over all steps, such as <c>2/3</c>.</summary>
    [JsonPropertyName("progress")]
    [Description("Finished steps (succeeded, failed or skipped) over all steps, such as 2/3: the STEPS column.")]
    public string? Progress { get; set; }

    /// <summary>How long the run took, in Go duration syntax such as <c>1m20s</c>; set when finished.</summary>
    [JsonPropertyName("duration")]
    [Description("How long the run took from startTime to completionTime, in whole seconds in Go duration syntax " +
        "(1m20s): the DURATION column. Set when the run finished.")]
    public string? Duration { get; set; }

    /// <summary>How many Pods were tried.</summary>
    [JsonPropertyName("attempts")]
    [Minimum(0)]
    [Description("How many Pods the Job started (1 plus retries under backoffLimit).")]
    public int Attempts { get; set; }

    /// <summary>What the run's Pod reserves, and why; set when the Job is created.</summary>
    [JsonPropertyName("reservation")]
    public SequentialJobReservation? Reservation { get; set; }

    /// <summary>The state of every step of the latest attempt, in step order.</summary>
    [JsonPropertyName("steps")]
    [MaxItems(StepPodSpec.MaxContainers)]
    [ListType("map", "name")]
    [Description("The state of every step of the latest attempt, in container order.")]
    public IList<SequentialJobStepStatus>? Steps { get; set; }

    /// <summary>The conditions: Complete, Failed, Ready, Reconciling, Stalled.</summary>
    [JsonPropertyName("conditions")]
    [ListType("map", "type")]
    [Description("Complete and Failed as on a Job (kubectl wait --for=condition=Complete), and Ready, Reconciling " +
        "and Stalled as kstatus (Flux, Argo CD, kubectl) reads them.")]
    public IList<Condition>? Conditions { get; set; }
}
