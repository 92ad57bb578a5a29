using Kueueleuleu.Operator.Reconciler;
using Kueueleuleu.Operator.Runtime;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> report.</summary>
internal sealed class OperatorStatus(IReadOnlyList<ReconcileCaches> caches, LeaderElector? elector)
{
    private volatile bool failed;

    /// <summary>Whether the operator stopped on an unrecoverable error (the process is about to exit).</summary>
    public bool Failed => failed;

    /// <summary>Marks the operator as failed: liveness and readiness turn false.</summary>
    public void Fail() => failed = true;

    /// <summary>Liveness: the process runs and its main loop has not died.</summary>
    /// <returns>Whether alive, and why.</returns>
    public (bool Ok, string Reason) Liveness() => failed ? (false, "the operator loop stopped on an error") : (true, "ok");

    /// <summary>
    /// Readiness: every cache synced and, with leader election, this replica leads or stands by having read the Lease.
    /// </summary>
    /// <returns>Whether ready, and why.</returns>
    public (bool Ok, string Reason) Readiness()
    {
        if (failed)
        {
            return (false, "the operator loop stopped on an error");
        }

        if (caches.FirstOrDefault(c => !c.HaveSynced) is { } waiting)
        {
            return (false, $"caches not synced yet (namespace {waiting.SequentialJobs.Options.Namespace ?? "all"})");
        }

        return elector switch
        {
            null => (true, "ok"),
            { IsLeader: true } => (true, "ok: leading"),
            { CurrentLeader: { } leader } => (true, $"ok: standing by, leader is {(leader.Length == 0 ? "nobody" : leader)}"),
            _ => (false, "leader election: the Lease has not been read yet"),
        };
    }
}
