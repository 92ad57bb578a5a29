namespace Kueueleuleu.ControllerRuntime.Reconcile;

/// <summary>The outcome of a successful reconcile.</summary>
/// <param name="RequeueAfter">When to reconcile the key again regardless of changes; null for only on the next change.</param>
public sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    /// <summary>Nothing more to do until something changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Reconcile again after a delay (polling a deadline, waiting for a step).</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
