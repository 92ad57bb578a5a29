using System.Text.Json.Nodes;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// What one reconcile should change, computed by <see cref="ReconcilePlanner.Plan"/>. When
/// <see cref="VerifyJobAbsence"/> (or <see cref="FetchSequentialJob"/>) is set, read the Job (or the SequentialJob) from
/// the API server and plan again with what it says, doing nothing else. Otherwise apply it in this order and stop (and retry later) at the first failure: create
/// <see cref="JobToCreate"/> (an <c>AlreadyExists</c> answer means a cache was behind: treat it as done and reconcile
/// again; another refusal is planned again as <see cref="ReconcileInput.JobCreateRefusal"/>), patch the Job with
/// <see cref="JobPatch"/>, write <see cref="Status"/>, record <see cref="Events"/>, delete the Job
/// (<see cref="JobToDelete"/>), delete the SequentialJob when <see cref="DeleteSequentialJob"/>, then requeue after
/// <see cref="RequeueAfter"/>. Events describe the status transition, so they are recorded only once the status write
/// succeeded; a failed write repeats them on the next attempt instead of losing them. Deletions come last, so nothing
/// goes before the status that records its outcome is stored.
/// </summary>
/// <param name="JobToCreate">
/// The Job to create when it is missing; <see langword="null"/> otherwise. An existing Job is never updated: a Job's
/// pod template is immutable, so a changed spec is reported instead (condition <c>Stalled</c>, reason
/// <see cref="ConditionReasons.SpecChangeIgnored"/>).
/// </param>
/// <param name="JobPatch">
/// A JSON merge patch (<c>application/merge-patch+json</c>) for the existing Job, such as
/// <c>{"spec":{"suspend":true}}</c> when the user toggled <c>spec.suspend</c>; <see langword="null"/> when the Job is
/// as desired.
/// </param>
/// <param name="Status">
/// The complete new <c>.status</c>; <see langword="null"/> when it equals the current one, so no write changes nothing.
/// Write it through the status subresource, for example with <see cref="StatusPatch.Create"/>.
/// </param>
/// <param name="Events">Events on the SequentialJob for the step and run transitions; empty when nothing changed.</param>
/// <param name="JobToDelete">
/// The finished Job to delete because the SequentialJob's <c>spec.ttlSecondsAfterFinished</c> expired, counted from the
/// recorded <c>status.completionTime</c>; <see langword="null"/> otherwise. Delete it with its UID as precondition and
/// background propagation (its Pods follow).
/// </param>
/// <param name="DeleteSequentialJob">
/// Whether <c>spec.retention.ttlSecondsAfterFinished</c> expired: delete the SequentialJob (its Job and Pods follow
/// through owner references).
/// </param>
/// <param name="RequeueAfter">
/// When to look again although no watch event may come: a retention deadline, the Job's
/// <c>activeDeadlineSeconds</c>, a running step's timeout, or a retry of a blocked SequentialJob. Watch events still
/// trigger reconciles earlier.
/// </param>
/// <param name="VerifyJobAbsence">
/// The status says the Job was created but no cache shows it: it may be too new for the cache, or deleted. Nothing else
/// is planned; the caller reads the Job from the server and plans again (with
/// <see cref="ReconcileInput.JobAbsenceConfirmed"/> when the server has none), so a Job is never created twice.
/// </param>
/// <param name="FetchSequentialJob">
/// The cache kept only the live fields of a large spec (<see cref="CachedFields.TrimSequentialJob"/>) and this reconcile
/// needs the whole spec (to build the Job or validate it): nothing else is planned; the caller reads the SequentialJob
/// from the server and plans again with it.
/// </param>
/// <param name="StatusChange">
/// The stored status and <see cref="Status"/> typed, set whenever <see cref="Status"/> is: the applier records a
/// finished run from them once the write succeeded, without decoding what the planner already had.
/// </param>
internal sealed record ReconcilePlan(
    JsonObject? JobToCreate,
    JsonObject? JobPatch,
    JsonObject? Status,
    IReadOnlyList<PlannedEvent> Events,
    JobDeletion? JobToDelete,
    bool DeleteSequentialJob,
    TimeSpan? RequeueAfter,
    bool VerifyJobAbsence = false,
    bool FetchSequentialJob = false,
    StatusChange? StatusChange = null)
{
    /// <summary>A plan that changes nothing and asks for no requeue.</summary>
    public static ReconcilePlan Nothing { get; } = new(null, null, null, [], null, false, null);

    /// <summary>The plan that only asks to read the Job from the server and plan again.</summary>
    public static ReconcilePlan VerifyJob { get; } = Nothing with { VerifyJobAbsence = true };

    /// <summary>The plan that only asks to read the whole SequentialJob from the server and plan again.</summary>
    public static ReconcilePlan FetchWhole { get; } = Nothing with { FetchSequentialJob = true };

    /// <summary>Whether the plan changes nothing (a requeue hint may remain).</summary>
    public bool IsEmpty => JobToCreate is null && JobPatch is null && Status is null && Events.Count == 0
        && JobToDelete is null && !DeleteSequentialJob && !VerifyJobAbsence && !FetchSequentialJob;
}

/// <summary>A Job to delete: its name, and its UID as the deletion's precondition (never a namesake).</summary>
/// <param name="Name">The Job's name.</param>
/// <param name="Uid">The Job's UID.</param>
internal sealed record JobDeletion(string Name, string Uid);

/// <summary>A status transition the plan writes, typed.</summary>
/// <param name="Previous">The stored status as decoded; <see langword="null"/> when absent or unreadable.</param>
/// <param name="Next">The status written.</param>
internal sealed record StatusChange(SequentialJobStatus? Previous, SequentialJobStatus Next);
