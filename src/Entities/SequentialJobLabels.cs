namespace Kueueleuleu.Entities;

/// <summary>
/// The labels and annotations the operator puts on the Job it creates for a SequentialJob and, through the Job's pod
/// template, on its Pods. Labels are what the operator's watches select on; annotations carry what is not meant for
/// selection.
/// </summary>
public static class SequentialJobLabels
{
    /// <summary>
    /// Label on the Job and its Pods: the name of the owning SequentialJob. Lets
    /// <c>kubectl get pods -l kueueleuleu.io/sequentialjob=NAME</c> find a run's Pods, and the operator map a Pod
    /// event back to the SequentialJob key (with the object's namespace) without reading owner references.
    /// </summary>
    public const string SequentialJobName = SequentialJobApi.Group + "/sequentialjob";

    /// <summary>
    /// Label on the Job and its Pods: the UID of the owning SequentialJob. A SequentialJob deleted and re-created
    /// under the same name gets a new UID, so leftovers of the old run (still being garbage-collected) are told
    /// apart from the new run's objects.
    /// </summary>
    public const string SequentialJobUid = SequentialJobApi.Group + "/sequentialjob-uid";

    /// <summary>
    /// The standard <c>app.kubernetes.io/managed-by</c> label, set to <see cref="ManagedByValue"/> on the Job and its
    /// Pods. The operator's Job and Pod watches select on it, so only its own objects stream in.
    /// </summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "kueueleuleu";

    /// <summary>The label selector of the operator's Job and Pod watches: <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</summary>
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>
    /// Annotation on the Job: the <c>metadata.generation</c> of the SequentialJob the Job was built from. A Job's pod
    /// template cannot change once created, so this records which spec the running Job reflects.
    /// </summary>
    public const string SourceGeneration = SequentialJobApi.Group + "/source-generation";
}
