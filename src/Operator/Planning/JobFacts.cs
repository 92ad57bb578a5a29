using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>A terminal condition of a Job (<c>Complete</c> or <c>Failed</c> with status True).</summary>
/// <param name="Reason">Its reason, such as <c>BackoffLimitExceeded</c> or <c>DeadlineExceeded</c>.</param>
/// <param name="Message">Its message.</param>
/// <param name="Time">Its <c>lastTransitionTime</c>.</param>
internal sealed record JobCondition(string? Reason, string? Message, DateTimeOffset? Time);

/// <summary>What the planner reads from the Job: its identity, annotations, spec switches and status.</summary>
/// <param name="Name">The Job name.</param>
/// <param name="Uid">The Job UID (its Pods' controller owner reference).</param>
/// <param name="SourceGeneration">The SequentialJob generation it was built from, if annotated.</param>
/// <param name="SpecHash">The fingerprint of the spec it was built from, if annotated.</param>
/// <param name="Suspend">Its <c>spec.suspend</c> (absent reads as false).</param>
/// <param name="SuspendedCondition">Whether its <c>Suspended</c> condition is True.</param>
/// <param name="ActiveDeadlineSeconds">Its <c>spec.activeDeadlineSeconds</c>.</param>
/// <param name="Active">Pods running now.</param>
/// <param name="Succeeded">Pods that succeeded.</param>
/// <param name="Failed">Pods that failed.</param>
/// <param name="StartTime">When the Job started.</param>
/// <param name="CompletionTime">When it completed (set on success only).</param>
/// <param name="Complete">Its Complete condition when True.</param>
/// <param name="FailedCondition">Its Failed condition when True.</param>
/// <param name="Template">Its pod template.</param>
internal sealed record JobFacts(
    string Name,
    string? Uid,
    long? SourceGeneration,
    string? SpecHash,
    bool Suspend,
    bool SuspendedCondition,
    long? ActiveDeadlineSeconds,
    long Active,
    long Succeeded,
    long Failed,
    DateTimeOffset? StartTime,
    DateTimeOffset? CompletionTime,
    JobCondition? Complete,
    JobCondition? FailedCondition,
    JsonObject? Template)
{
    /// <summary>Whether the Job has finished, one way or the other.</summary>
    public bool Finished => Complete is not null || FailedCondition is not null;

    /// <summary>Whether the Job is suspended and unfinished (by spec, or by the controller's condition).</summary>
    public bool IsSuspended => !Finished && (Suspend || SuspendedCondition);

    /// <summary>Reads a Job object.</summary>
    public static JobFacts Read(JsonObject job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var annotations = JsonRead.At(job, "metadata", "annotations");
        return new JobFacts(
            JsonRead.Text(job, "metadata", "name") ?? string.Empty,
            JsonRead.Text(job, "metadata", "uid"),
            long.TryParse(JsonRead.Text(annotations, Entities.SequentialJobLabels.SourceGeneration), out var generation) ? generation : null,
            JsonRead.Text(annotations, SpecFingerprint.Annotation),
            JsonRead.Bool(job, "spec", "suspend") ?? false,
            TrueCondition(job, "Suspended") is not null,
            JsonRead.Whole(job, "spec", "activeDeadlineSeconds"),
            JsonRead.Whole(job, "status", "active") ?? 0,
            JsonRead.Whole(job, "status", "succeeded") ?? 0,
            JsonRead.Whole(job, "status", "failed") ?? 0,
            JsonRead.Time(job, "status", "startTime"),
            JsonRead.Time(job, "status", "completionTime"),
            TrueCondition(job, "Complete"),
            TrueCondition(job, "Failed"),
            JsonRead.At(job, "spec", "template") as JsonObject);
    }

    private static JobCondition? TrueCondition(JsonObject job, string type) =>
        JsonRead.Objects(job, "status", "conditions")
            .Where(c => JsonRead.Text(c, "type") == type && JsonRead.Text(c, "status") == "True")
            .Select(c => new JobCondition(JsonRead.Text(c, "reason"), JsonRead.Text(c, "message"), JsonRead.Time(c, "lastTransitionTime")))
            .FirstOrDefault();
}
