using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Diagnostics;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.ControllerRuntime.Queues;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kueueleuleu.ControllerRuntime.Controllers;

/// <summary>
/// Turns cache changes into reconciles: changes of the primary resource enqueue their own key, changes of
/// secondary resources enqueue the keys a mapper names, and workers call the <see cref="IReconciler"/>, one key at a
/// time per key. Informers are run by the host (they stay warm while this replica is not the leader); the
/// controller only waits for them to sync.
/// </summary>
public sealed class Controller
{
    private readonly Informer primary;
    private readonly List<Informer> informers;
    private readonly IReconciler reconciler;
    private readonly ILogger logger;
    private readonly RuntimeMetrics? metrics;
    private readonly TimeProvider time;
    private readonly KeyValuePair<string, object?> controllerTag;
    private WorkQueue<ObjectKey>? current;
    private WorkQueue<ObjectKey>? startedPass;
    private int running;

    /// <summary>Creates the controller and subscribes to the primary informer.</summary>
    /// <param name="primary">The informer of the reconciled resource.</param>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="options">Name, workers, shutdown bound, retry pacing.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where to record reconciles and queue metrics; nothing when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public Controller(Informer primary, IReconciler reconciler, ControllerOptions? options = null, ILogger<Controller>? logger = null, RuntimeMetrics? metrics = null, TimeProvider? time = null)
    {
        this.primary = primary ?? throw new ArgumentNullException(nameof(primary));
        this.reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        Options = options ?? new ControllerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.Workers);
        this.logger = logger ?? NullLogger<Controller>.Instance;
        this.metrics = metrics;
        this.time = time ?? TimeProvider.System;
        controllerTag = new("controller", Options.Name);
        informers = [primary];
        primary.Subscribe(e => Enqueue(e.Key));
    }

    /// <summary>The options.</summary>
    public ControllerOptions Options { get; }

    /// <summary>Whether <see cref="RunAsync(CancellationToken, CancellationToken)"/> is running.</summary>
    public bool IsRunning => Volatile.Read(ref running) == 1;

    /// <summary>The number of keys waiting for a worker (0 while stopped), for a queue-depth gauge.</summary>
    public int QueueLength => Volatile.Read(ref current)?.Length ?? 0;

    /// <summary>
    /// Whether the controller runs and has nothing to do: every key queued since it started (the pass over all primaries
    /// included) has been reconciled, and none waits or is in progress. Keys waiting for a delayed requeue do not count.
    /// </summary>
    public bool IsIdle => Volatile.Read(ref startedPass) is { Length: 0, ProcessingCount: 0 };

    /// <summary>Also reconciles the primaries a secondary object maps to, on each of its changes (old and new state).</summary>
    /// <param name="secondary">The secondary informer.</param>
    /// <param name="map">Maps an object to primary keys, e.g. <see cref="KeyMappers.ByLabelOrController"/>.</param>
    /// <returns>This controller.</returns>
    public Controller Watch(Informer secondary, Func<JsonObject, IEnumerable<ObjectKey>> map)
    {
        ArgumentNullException.ThrowIfNull(secondary);
        ArgumentNullException.ThrowIfNull(map);
        if (IsRunning)
        {
            throw new InvalidOperationException("add watches before the controller runs");
        }

        informers.Add(secondary);
        secondary.Subscribe(e =>
        {
            // An update may move an object between owners: both the old and the new one must look again.
            foreach (var key in map(e.Latest).Concat(e.OldObject is { } old && e.NewObject is not null ? map(old) : []).Distinct())
            {
                Enqueue(key);
            }
        });
        return this;
    }

    /// <summary>
    /// Waits for every informer to sync, queues every primary key once, then reconciles until cancelled. On
    /// cancellation it stops handing out keys, lets in-flight reconciles finish within
    /// <see cref="ControllerOptions.ShutdownTimeout"/>, then cancels them. Returns normally on cancellation;
    /// may run again afterwards (a new leadership term), with a fresh queue.
    /// </summary>
    /// <param name="cancellationToken">Stops the controller.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, CancellationToken.None);

    /// <summary>
    /// As <see cref="RunAsync(CancellationToken)"/>, and when <paramref name="abort"/> is cancelled (the leadership term
    /// ended) the controller stops acting at once: the in-flight reconciles' tokens are cancelled at that instant, no key
    /// is handed out any more, and no grace period is given.
    /// </summary>
    /// <param name="cancellationToken">Stops the controller gracefully.</param>
    /// <param name="abort">Stops it at once.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken abort)
    {
        if (Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            throw new InvalidOperationException($"the controller {Options.Name} is already running");
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abort);
        try
        {
            RuntimeLog.WaitingForSync(logger, Options.Name, informers.Count);
            await Task.WhenAll(informers.Select(i => i.WaitForSyncAsync(either.Token))).ConfigureAwait(false);
            using var queue = new WorkQueue<ObjectKey>(Options.Queue with { Name = Options.Name }, time, metrics);
            await RunWorkersAsync(queue, either.Token, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // Cancelled while waiting for the caches: nothing was started.
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private async Task RunWorkersAsync(WorkQueue<ObjectKey> queue, CancellationToken stop, CancellationToken abort)
    {
        Volatile.Write(ref current, queue);
        // Level-based: after a (re)start every object is looked at once, whatever happened while stopped.
        foreach (var key in primary.Keys())
        {
            queue.Add(key);
        }

        Volatile.Write(ref startedPass, queue);

        // Linked to the abort token: cancelled in the very instant the term ends, not when this loop next wakes.
        using var reconcileCancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var workers = Enumerable.Range(0, Options.Workers)
            .Select(_ => Task.Run(() => WorkAsync(queue, reconcileCancellation.Token), CancellationToken.None))
            .ToArray();
        RuntimeLog.ControllerStarted(logger, Options.Name, Options.Workers, queue.Length);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The only way out: the caller stops the controller.
        }

        Volatile.Write(ref current, null);
        Volatile.Write(ref startedPass, null);
        queue.ShutDown();
        if (abort.IsCancellationRequested)
        {
            RuntimeLog.ControllerAborted(logger, Options.Name);
            if (!await CompletesWithinAsync(Task.WhenAll(workers), Options.ShutdownTimeout).ConfigureAwait(false))
            {
                RuntimeLog.ReconcilesAbandoned(logger, Options.Name);
            }

            return;
        }

        await StopWorkersAsync(Task.WhenAll(workers), reconcileCancellation).ConfigureAwait(false);
    }

    private async Task StopWorkersAsync(Task workers, CancellationTokenSource reconcileCancellation)
    {
        RuntimeLog.ControllerStopping(logger, Options.Name);
        if (await CompletesWithinAsync(workers, Options.ShutdownTimeout).ConfigureAwait(false))
        {
            RuntimeLog.ControllerStopped(logger, Options.Name);
            return;
        }

        RuntimeLog.CancellingReconciles(logger, Options.Name, Options.ShutdownTimeout);
        await reconcileCancellation.CancelAsync().ConfigureAwait(false);
        if (!await CompletesWithinAsync(workers, Options.ShutdownTimeout).ConfigureAwait(false))
        {
            RuntimeLog.ReconcilesAbandoned(logger, Options.Name);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Queues a primary key from outside the watches, such as work the reconciler started in the background and that has
    /// completed; ignored while the controller does not run (its next start queues every primary anyway).
    /// </summary>
    /// <param name="key">The primary's key.</param>
    public void Enqueue(ObjectKey key) => Volatile.Read(ref current)?.Add(key);

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (key, shutDown) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutDown)
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Handed out in the instant the controller was aborted: not started at all.
                queue.Done(key);
                continue;
            }

            try
            {
                await ReconcileAsync(queue, key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        metrics?.ActiveWorkers.Add(1, controllerTag);
        string result;
        using (logger.BeginScope(new Dictionary<string, object> { ["controller"] = Options.Name, ["key"] = key.ToString() }))
        {
            result = await TryReconcileAsync(queue, key, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = time.GetElapsedTime(started);
        metrics?.ActiveWorkers.Add(-1, controllerTag);
        metrics?.Reconciles.Add(1, controllerTag, new("result", result));
        metrics?.ReconcileDuration.Record(elapsed.TotalSeconds, controllerTag, new("result", result));
    }

    private async Task<string> TryReconcileAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            var result = await reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                queue.AddAfter(key, delay);
                RuntimeLog.Requeued(logger, Options.Name, key.ToString(), delay);
                return "requeue";
            }

            return "success";
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested || e is LeadershipLostException)
        {
            // A refused write can precede the abort by the time the term's timer takes: the same end, not a failure.
            return "canceled";
        }
#pragma warning disable CA1031 // Any failure of a reconcile is retried with backoff; the worker must survive it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            queue.AddRateLimited(key);
            metrics?.ReconcileErrors.Add(1, controllerTag, new("error", e.GetType().Name));
            RuntimeLog.ReconcileFailed(logger, Options.Name, key.ToString(), queue.NumRequeues(key), e);
            return "error";
        }
    }
}
