using System.Diagnostics.Metrics;

namespace Kueueleuleu.ControllerRuntime.Diagnostics;

/// <summary>
/// The controller runtime's instruments, on the <c>Kueueleuleu.Operator</c> meter (the name the telemetry
/// exporter listens to). Every instrument carries a tag naming its controller, queue, resource or lease, so
/// several of each can share one instance.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Kueueleuleu.Operator";

    private readonly Meter meter;
    private readonly bool ownsMeter;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a private meter.</summary>
    /// <param name="meterFactory">The host's meter factory; null for a meter of its own (tests, tools).</param>
    public RuntimeMetrics(IMeterFactory? meterFactory = null)
    {
        // A factory's meter is shared with the host and is the factory's to dispose.
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Reconciles = meter.CreateCounter<long>("kueueleuleu.operator.controller.reconciles", "{reconcile}", "Reconciles, by controller and result (success, requeue, error, canceled).");
        ReconcileDuration = meter.CreateHistogram<double>("kueueleuleu.operator.controller.reconcile.duration", "s", "Reconcile durations, by controller and result.");
        ReconcileErrors = meter.CreateCounter<long>("kueueleuleu.operator.controller.reconcile.errors", "{error}", "Reconciles that threw, by controller and exception type.");
        ActiveWorkers = meter.CreateUpDownCounter<long>("kueueleuleu.operator.controller.active_workers", "{worker}", "Reconciles in flight, by controller.");
        QueueDepth = meter.CreateUpDownCounter<long>("kueueleuleu.operator.workqueue.depth", "{item}", "Keys waiting to be processed, by queue.");
        QueueAdds = meter.CreateCounter<long>("kueueleuleu.operator.workqueue.adds", "{item}", "Keys added (before deduplication), by queue.");
        QueueRetries = meter.CreateCounter<long>("kueueleuleu.operator.workqueue.retries", "{item}", "Rate-limited re-adds after failures, by queue.");
        QueueLatency = meter.CreateHistogram<double>("kueueleuleu.operator.workqueue.queue.duration", "s", "How long a key waited in the queue before a worker took it, by queue.");
        IsLeader = meter.CreateUpDownCounter<long>("kueueleuleu.operator.leader_election.is_leader", "{leader}", "1 while this replica holds the lease, by lease.");
        LeadershipChanges = meter.CreateCounter<long>("kueueleuleu.operator.leader_election.changes", "{change}", "Leadership acquired or lost by this replica, by lease and change (acquired, lost, released).");
        InformerObjects = meter.CreateUpDownCounter<long>("kueueleuleu.operator.informer.objects", "{object}", "Objects in an informer's cache, by resource.");
        InformerEvents = meter.CreateCounter<long>("kueueleuleu.operator.informer.events", "{event}", "Changes an informer delivered, by resource and type (added, updated, deleted).");
    }

    /// <summary>Reconciles by <c>controller</c> and <c>result</c>.</summary>
    public Counter<long> Reconciles { get; }

    /// <summary>Reconcile durations by <c>controller</c> and <c>result</c>.</summary>
    public Histogram<double> ReconcileDuration { get; }

    /// <summary>Failed reconciles by <c>controller</c> and <c>error</c>.</summary>
    public Counter<long> ReconcileErrors { get; }

    /// <summary>In-flight reconciles by <c>controller</c>.</summary>
    public UpDownCounter<long> ActiveWorkers { get; }

    /// <summary>Queued keys by <c>queue</c>.</summary>
    public UpDownCounter<long> QueueDepth { get; }

    /// <summary>Adds by <c>queue</c>.</summary>
    public Counter<long> QueueAdds { get; }

    /// <summary>Rate-limited adds by <c>queue</c>.</summary>
    public Counter<long> QueueRetries { get; }

    /// <summary>Time in queue by <c>queue</c>.</summary>
    public Histogram<double> QueueLatency { get; }

    /// <summary>Leadership by <c>lease</c> (0 or 1).</summary>
    public UpDownCounter<long> IsLeader { get; }

    /// <summary>Leadership changes by <c>lease</c> and <c>change</c>.</summary>
    public Counter<long> LeadershipChanges { get; }

    /// <summary>Cached objects by <c>resource</c>.</summary>
    public UpDownCounter<long> InformerObjects { get; }

    /// <summary>Delivered changes by <c>resource</c> and <c>type</c>.</summary>
    public Counter<long> InformerEvents { get; }

    /// <summary>The meter, for a test's <see cref="MeterListener"/> to single out these instruments.</summary>
    public Meter Meter => meter;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
