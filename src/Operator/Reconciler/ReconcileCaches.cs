using Kueueleuleu.ControllerRuntime.Informers;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// The caches one reconciler reads: SequentialJobs, the Jobs and Pods the operator manages, the Job controller's
/// Warning Events about Jobs, and LimitRanges, of one scope.
/// </summary>
/// <param name="SequentialJobs">SequentialJobs of the watched namespace (or all).</param>
/// <param name="Jobs">Jobs labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
/// <param name="Pods">Pods labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
/// <param name="JobEvents">
/// Events of reason <c>FailedCreate</c> about Jobs (<see cref="JobEventSelector"/>): how the Job controller says it cannot
/// create a Pod. Events carry no labels, so those of other Jobs come too; the reconciler matches them by UID.
/// </param>
/// <param name="LimitRanges">
/// LimitRanges: their defaults count as requests, and one that forbids the steps' peak makes the Pod request the sum.
/// Few and small; no reconcile follows their changes, they are read when a Job is built.
/// </param>
public sealed record ReconcileCaches(Informer SequentialJobs, Informer Jobs, Informer Pods, Informer JobEvents, Informer LimitRanges)
{
    /// <summary>The field selector of <see cref="JobEvents"/>.</summary>
    public const string JobEventSelector = "involvedObject.kind=Job,reason=FailedCreate";

    /// <summary>The informers, for the host to run.</summary>
    public IReadOnlyList<Informer> All => [SequentialJobs, Jobs, Pods, JobEvents, LimitRanges];
}
