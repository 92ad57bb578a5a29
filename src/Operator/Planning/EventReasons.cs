namespace Kueueleuleu.Operator.Planning;

/// <summary>The reasons of the Events the operator records on a SequentialJob.</summary>
internal static class EventReasons
{
    /// <summary>Normal: the Job was created.</summary>
    public const string JobCreated = "JobCreated";

    /// <summary>
    /// The Pod requests the sum of its containers' requests although the policy is Peak: Warning when a LimitRange forbids
    /// the peak, Normal when the Pod is Guaranteed.
    /// </summary>
    public const string RequestsAsWritten = "RequestsAsWritten";

    /// <summary>Normal: a step's command started.</summary>
    public const string StepStarted = "StepStarted";

    /// <summary>Normal: a step succeeded.</summary>
    public const string StepSucceeded = "StepSucceeded";

    /// <summary>Warning: a step failed or timed out (also when it continued on error).</summary>
    public const string StepFailed = "StepFailed";

    /// <summary>Normal: a step was skipped because a step it waits for failed (that failure was already warned about).</summary>
    public const string StepSkipped = "StepSkipped";

    /// <summary>
    /// Normal: an attempt of a step failed or timed out and the step ran again (its <c>retries</c>); one per earlier attempt,
    /// recorded when the step finished.
    /// </summary>
    public const string StepRetried = "StepRetried";

    /// <summary>Warning: a failed step is held for debugging (<c>debug: OnFailure</c>); its dependants wait until it is released.</summary>
    public const string StepHeld = "StepHeld";

    /// <summary>
    /// Warning: the API server refused to write the status (RBAC, validation, an admission webhook); the Event is the
    /// only place the SequentialJob can show it.
    /// </summary>
    public const string StatusWriteFailed = "StatusWriteFailed";

    /// <summary>Warning: the Job started a new Pod after the previous one failed.</summary>
    public const string PodRetry = "PodRetry";

    /// <summary>Normal: the run succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Warning: the run failed.</summary>
    public const string Failed = "Failed";

    /// <summary>Normal: the Job was suspended.</summary>
    public const string Suspended = "Suspended";

    /// <summary>Normal: the suspended Job was resumed.</summary>
    public const string Resumed = "Resumed";

    /// <summary>Warning: the spec cannot run.</summary>
    public const string InvalidSpec = ConditionReasons.InvalidSpec;

    /// <summary>Warning: the Job name is taken by a Job this SequentialJob does not control.</summary>
    public const string JobNameTaken = ConditionReasons.JobNameTaken;

    /// <summary>Warning: a spec change cannot reach the existing Job.</summary>
    public const string SpecChangeIgnored = ConditionReasons.SpecChangeIgnored;
}
