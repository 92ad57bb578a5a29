using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// <c>spec.retention.ttlSecondsAfterFinished</c>: a finished SequentialJob is deleted that many seconds after its
/// <c>status.completionTime</c>.
/// </summary>
internal static class Retention
{
    /// <summary>
    /// When the SequentialJob is to be deleted, or <see langword="null"/> when it is kept (no retention, not finished, or no
    /// completion time to count from).
    /// </summary>
    public static DateTimeOffset? Deadline(SourceObject source, SequentialJobStatus status)
    {
        if (status.Phase is not (SequentialJobPhase.Succeeded or SequentialJobPhase.Failed) || status.CompletionTime is not { } finished)
        {
            return null;
        }

        // Read from the raw spec so that retention still works when another part of the spec cannot be decoded.
        return JsonRead.Whole(source.RawSpec, "retention", "ttlSecondsAfterFinished") is { } ttl and >= 0
            ? finished.AddSeconds(ttl)
            : null;
    }
}
