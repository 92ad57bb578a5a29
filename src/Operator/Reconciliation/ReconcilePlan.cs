using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Reconciliation;

/// <summary>
/// What one reconcile should change, computed by <see cref="ReconcilePlanner.Plan"/>. Apply it in this order and stop
/// (and retry later) at the first failure: create <see cref="JobToCreate"/> (an <c>AlreadyExists</c> answer means a
/// cache was behind: treat it as done and reconcile again), patch the Job with <see cref="JobPatch"/>, write
/// <see cref="Status"/>, record <see cref="Events"/>, delete the SequentialJob when <see cref="DeleteSequentialJob"/>,
/// then requeue after <see cref="RequeueAfter"/>. Events describe the status transition, so they are recorded only once
/// the status write succeeded; a failed write repeats them on the next attempt instead of losing them.
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
/// <param name="DeleteSequentialJob">
/// Whether <c>spec.retention.ttlSecondsAfterFinished</c> expired: delete the SequentialJob (its Job and Pods follow
/// through owner references).
/// </param>
/// <param name="RequeueAfter">
/// When to look again although no watch event may come: a retention deadline, the Job's
/// <c>activeDeadlineSeconds</c>, a running step's timeout, or a retry of a blocked SequentialJob. Watch events still
/// trigger reconciles earlier.
/// </param>
internal sealed record ReconcilePlan(
    JsonObject? JobToCreate,
    JsonObject? JobPatch,
    JsonObject? Status,
    IReadOnlyList<PlannedEvent> Events,
    bool DeleteSequentialJob,
    TimeSpan? RequeueAfter)
{
    /// <summary>A plan that changes nothing and asks for no requeue.</summary>
    public static ReconcilePlan Nothing { get; } = new(null, null, null, [], false, null);

    /// <summary>Whether the plan changes nothing (a requeue hint may remain).</summary>
    public bool IsEmpty => JobToCreate is null && JobPatch is null && Status is null && Events.Count == 0 && !DeleteSequentialJob;
}
