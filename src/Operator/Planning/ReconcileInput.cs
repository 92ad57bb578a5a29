using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Planning;

/// <summary>Everything one reconcile of a SequentialJob looks at, read from the caches beforehand.</summary>
/// <param name="SequentialJob">The SequentialJob as the API server returns it (metadata, spec, status).</param>
/// <param name="Job">
/// The Job in the SequentialJob's namespace named <see cref="JobNaming.JobName"/> of the SequentialJob, whoever
/// owns it; <see langword="null"/> when there is none.
/// </param>
/// <param name="Pods">
/// The Pods that may belong to that Job (for example those labelled with the SequentialJob's UID). Pods not
/// controlled by <paramref name="Job"/> (by owner reference UID) are ignored, so passing too many is harmless.
/// </param>
/// <param name="Now">The current time: planning never reads the clock.</param>
/// <param name="Settings">The operator's configuration.</param>
internal sealed record ReconcileInput(
    JsonObject SequentialJob,
    JsonObject? Job,
    IReadOnlyList<JsonObject> Pods,
    DateTimeOffset Now,
    ReconcileSettings Settings)
{
    /// <summary>
    /// Whether the API server itself (not a cache) said that the Job does not exist. A cache may not show a Job created a
    /// moment ago, so a Job the status says was created is only taken for deleted once this is true
    /// (<see cref="ReconcilePlan.VerifyJobAbsence"/>).
    /// </summary>
    public bool JobAbsenceConfirmed { get; init; }

    /// <summary>Why the API server refused to create the planned Job, when the last attempt failed; else null.</summary>
    public ApiRefusal? JobCreateRefusal { get; init; }

    /// <summary>
    /// Warning Events about the Job (the Job controller's <c>FailedCreate</c>, when it cannot create a Pod); events of
    /// other objects are ignored.
    /// </summary>
    public IReadOnlyList<JsonObject> JobEvents { get; init; } = [];

    /// <summary>
    /// The LimitRanges of the SequentialJob's namespace, read when a Job is to be built: their defaults count as requests
    /// and they decide whether the Peak reservation would be refused (<see cref="ReservationChoice"/>).
    /// </summary>
    public IReadOnlyList<JsonObject> LimitRanges { get; init; } = [];

    /// <summary>
    /// Where the lookups of the images of steps without <c>command</c> stand (<see cref="Images.ImageNeeds"/>), read when a
    /// Job is to be built; a missing entry reads as pending.
    /// </summary>
    public IReadOnlyDictionary<Images.ImageKey, Images.ImageLookupState> Images { get; init; } = new Dictionary<Images.ImageKey, Images.ImageLookupState>();
}
