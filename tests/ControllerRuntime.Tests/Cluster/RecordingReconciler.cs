using System.Collections.Concurrent;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>Counts reconciles per key and catches two concurrent reconciles of one key; the behaviour is pluggable.</summary>
public sealed class RecordingReconciler(Func<ObjectKey, int, CancellationToken, Task<ReconcileResult>>? behaviour = null) : IReconciler
{
    private readonly ConcurrentDictionary<ObjectKey, int> active = new();
    private readonly ConcurrentDictionary<ObjectKey, int> counts = new();
    private int overlaps;

    /// <summary>Times a reconcile started while another of the same key ran.</summary>
    public int Overlaps => Volatile.Read(ref overlaps);

    public int Count(ObjectKey key) => counts.GetValueOrDefault(key);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var attempt = counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (active.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref overlaps);
        }

        try
        {
            return behaviour is null ? ReconcileResult.Done : await behaviour(key, attempt, cancellationToken);
        }
        finally
        {
            active.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }
}
