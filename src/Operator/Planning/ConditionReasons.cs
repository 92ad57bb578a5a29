namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The reasons the operator writes on the SequentialJob's conditions. Every condition of a status carries the same
/// reason, the one that describes the run as a whole, except <c>Stalled</c> when a spec change was ignored.
/// </summary>
internal static class ConditionReasons
{
    /// <summary>The Job is being created (the first reconcile of a valid spec).</summary>
    public const string Creating = "Creating";

    /// <summary>The Job exists but no step has started yet (Pod not scheduled, images pulling, ...).</summary>
    public const string Pending = "Pending";

    /// <summary>A Pod runs the steps.</summary>
    public const string Running = "Running";

    /// <summary>
    /// The Job is suspended. <c>Reconciling</c> is False with this reason, so kstatus reports the resource as Current
    /// rather than InProgress forever, and a health check (Argo CD) can report it as Suspended.
    /// </summary>
    public const string Suspended = "Suspended";

    /// <summary>The run succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>The run failed because a step failed (the message names it and its exit code).</summary>
    public const string StepFailed = "StepFailed";

    /// <summary>The run failed without a failed step to blame (the Job's own reason is used when it has one).</summary>
    public const string JobFailed = "JobFailed";

    /// <summary>The Job was deleted before the operator recorded the run's outcome; the steps are not run again.</summary>
    public const string JobDeleted = "JobDeleted";

    /// <summary>The API server refused to create the Job (RBAC, a ResourceQuota, an admission webhook, validation).</summary>
    public const string JobCreateFailed = "JobCreateFailed";

    /// <summary>
    /// The Job controller cannot create the run's Pod (a ResourceQuota, an admission webhook: the Job's <c>FailedCreate</c>
    /// Event); it keeps trying. Other reasons that hold a run up come from the cluster unchanged: the scheduler's
    /// <c>Unschedulable</c>, the kubelet's <c>ErrImagePull</c>, <c>ImagePullBackOff</c>, <c>CreateContainerConfigError</c>...
    /// (<see cref="RunObstacle"/>).
    /// </summary>
    public const string PodCreateFailed = "PodCreateFailed";

    /// <summary>The spec cannot run; the message names the field paths.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>A Job with the desired name exists and is not controlled by this SequentialJob.</summary>
    public const string JobNameTaken = "JobNameTaken";

    /// <summary>Pending: the images of steps without command are being looked up in their registries.</summary>
    public const string ResolvingImages = "ResolvingImages";

    /// <summary>Pending, held up: looking up the image of a step without command failed; it is tried again.</summary>
    public const string ImageLookupFailed = "ImageLookupFailed";

    /// <summary>
    /// The spec changed after the Job was created; the Job keeps the spec it was created from (condition
    /// <c>Stalled</c> only).
    /// </summary>
    public const string SpecChangeIgnored = "SpecChangeIgnored";
}
