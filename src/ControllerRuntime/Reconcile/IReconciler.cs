using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.ControllerRuntime.Reconcile;

/// <summary>Brings one object's world in line with its spec. Called by a <see cref="Controller"/>, never twice at once for one key.</summary>
public interface IReconciler
{
    /// <summary>Reconciles one key. Level-based: it reads the current state; it is not told what changed.</summary>
    /// <param name="key">The primary object's key (the object may be gone).</param>
    /// <param name="cancellationToken">
    /// Cancelled when the controller stops and its grace period is over, and at once when this replica's leadership
    /// term ends: pass it to every API call, so the reconcile stops acting the moment it may no longer.
    /// </param>
    /// <returns>Whether and when to look again. An exception retries the key with backoff.</returns>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
