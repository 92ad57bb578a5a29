using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>The Pods of a Job, oldest first: each is one attempt at running the steps.</summary>
internal static class PodAttempts
{
    /// <summary>
    /// The Pods controlled by the Job with UID <paramref name="jobUid"/>, ordered by <c>creationTimestamp</c> and then
    /// name (two Pods created in the same second). A Job without a UID (not yet read back) accepts every Pod given.
    /// </summary>
    public static IReadOnlyList<JsonObject> Of(string? jobUid, IEnumerable<JsonObject> pods) =>
        [.. pods
            .Where(p => jobUid is null || Ownership.IsControlledBy(p, jobUid))
            .OrderBy(p => JsonRead.Time(p, "metadata", "creationTimestamp") ?? DateTimeOffset.MinValue)
            .ThenBy(p => JsonRead.Text(p, "metadata", "name"), StringComparer.Ordinal)];

    /// <summary>
    /// How many Pods were tried: the Pods seen, or the Job's own counters when Pods were already removed (Pod garbage
    /// collection, <c>ttlSecondsAfterFinished</c>).
    /// </summary>
    public static int Count(IReadOnlyList<JsonObject> pods, JobFacts job) =>
        (int)Math.Min(int.MaxValue, Math.Max(pods.Count, job.Active + job.Succeeded + job.Failed));

    /// <summary>Whether the Pod has ended (Succeeded or Failed) or is being deleted: it runs no step again.</summary>
    public static bool Ended(JsonObject pod) =>
        JsonRead.Text(pod, "status", "phase") is "Succeeded" or "Failed" || JsonRead.At(pod, "metadata", "deletionTimestamp") is not null;

    /// <summary>Whether the Pod got as far as running containers (its phase is Running, Succeeded or Failed).</summary>
    public static bool Started(JsonObject pod) =>
        JsonRead.Text(pod, "status", "phase") is "Running" or "Succeeded" or "Failed";
}
