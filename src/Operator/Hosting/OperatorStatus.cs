using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.LeaderElection;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> report.</summary>
internal sealed class OperatorStatus(IReadOnlyList<Informer> informers, LeaderElector? elector)
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
    /// Readiness: every cache synced and its watch open (or between watches, or relisting after 410 within its
    /// backoff), and, with leader election, this replica leads or stands by having read the Lease on its last attempt.
    /// The reason names every cache that is not healthy and why.
    /// </summary>
    /// <returns>Whether ready, and why.</returns>
    public (bool Ok, string Reason) Readiness()
    {
        if (failed)
        {
            return (false, "the operator loop stopped on an error");
        }

        var unhealthy = informers.Select(i => i.Health()).Where(h => !h.Ok).Select(h => h.Reason).ToList();
        if (unhealthy.Count > 0)
        {
            return (false, "caches not current: " + string.Join("; ", unhealthy));
        }

        return elector switch
        {
            null => (true, "ok"),
            { IsLeader: true } => (true, "ok: leading"),
            { LastError: { } error } => (false, $"leader election: the Lease cannot be read or written: {error.Message}"),
            { CurrentLeader: { } leader } => (true, $"ok: standing by, leader is {(leader.Length == 0 ? "nobody" : leader)}"),
            _ => (false, "leader election: the Lease has not been read yet"),
        };
    }
}
