using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// <c>spec.ttlSecondsAfterFinished</c>, applied by the operator instead of the Job controller: the Job is created without
/// it, and deleted that many seconds after the run's recorded <c>status.completionTime</c>. The Job controller's TTL counts
/// from the Job's own finish and may delete the Job and its Pods before the operator has read them (an operator that is
/// down, restarting or failing over), which would lose the outcome; counting from the recorded status means the outcome
/// is always stored first.
/// </summary>
internal static class JobTtl
{
    /// <summary>
    /// When the Job is to be deleted according to <paramref name="status"/>: its completion time plus the TTL, or
    /// <see langword="null"/> when the Job is kept (no TTL, or the status does not say the run finished).
    /// </summary>
    /// <param name="rawSpec">The SequentialJob's spec as stored (read raw, like retention: the cache may keep only the live
    /// fields of a large spec).</param>
    /// <param name="status">A status: the planned one, to know when to look again; the stored one, to know whether the
    /// outcome is recorded.</param>
    public static DateTimeOffset? Deadline(System.Text.Json.Nodes.JsonObject? rawSpec, SequentialJobStatus? status) =>
        status is { Phase: SequentialJobPhase.Succeeded or SequentialJobPhase.Failed, CompletionTime: { } finished }
        && JsonRead.Whole(rawSpec, "ttlSecondsAfterFinished") is { } ttl and >= 0
            ? finished.AddSeconds(ttl)
            : null;

    /// <summary>
    /// Whether the Job may go now: the deadline passed by the stored status, so the outcome is recorded before the Job and
    /// its Pods are deleted.
    /// </summary>
    public static bool Expired(SourceObject source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Deadline(source.RawSpec, source.OldStatus) <= now;
    }
}
