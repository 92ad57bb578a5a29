using Kueueleuleu.Operator.Runtime;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>The caches one reconciler reads: SequentialJobs, and the Jobs and Pods the operator manages, of one scope.</summary>
/// <param name="SequentialJobs">SequentialJobs of the watched namespace (or all).</param>
/// <param name="Jobs">Jobs labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
/// <param name="Pods">Pods labelled <c>app.kubernetes.io/managed-by=kueueleuleu</c>.</param>
public sealed record ReconcileCaches(Informer SequentialJobs, Informer Jobs, Informer Pods)
{
    /// <summary>Whether every cache finished its initial list.</summary>
    public bool HaveSynced => SequentialJobs.HasSynced && Jobs.HasSynced && Pods.HasSynced;

    /// <summary>The three informers, for the host to run.</summary>
    public IReadOnlyList<Informer> All => [SequentialJobs, Jobs, Pods];
}
