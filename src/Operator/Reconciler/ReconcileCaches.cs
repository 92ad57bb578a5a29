using Kueueleuleu.ControllerRuntime.Informers;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// The caches one reconciler reads: SequentialJobs, the Jobs and Pods the operator manages, and the Job controller's
/// Warning Events about Jobs, of one scope.
/// </summary>
/// <param name="SequentialJobs">SequentialJobs of the watched namespace (or all).</param>
/// <param name="Jobs">Jobs labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
/// <param name="Pods">Pods labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
/// <param name="JobEvents">
/// Events of reason <c>FailedCreate</c> about Jobs (<see cref="JobEventSelector"/>): how the Job controller says it cannot
/// create a Pod. Events carry no labels, so those of other Jobs come too; the reconciler matches them by UID.
/// </param>
public sealed record ReconcileCaches(Informer SequentialJobs, Informer Jobs, Informer Pods, Informer JobEvents)
{
    /// <summary>The field selector of <see cref="JobEvents"/>.</summary>
    public const string JobEventSelector = "involvedObject.kind=Job,reason=FailedCreate";

    /// <summary>The informers, for the host to run.</summary>
    public IReadOnlyList<Informer> All => [SequentialJobs, Jobs, Pods, JobEvents];
}
