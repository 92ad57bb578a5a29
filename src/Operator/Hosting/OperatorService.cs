using Kueueleuleu.ControllerRuntime.LeaderElection;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The operator's main loop: runs the informers (always, so a standby replica has warm caches) and the Event sender,
/// and the controllers either directly or, with leader election, only while this replica leads.
/// </summary>
internal sealed class OperatorService(OperatorComponents components, LeaderElector? elector, OperatorStatus status, ILogger<OperatorService> logger)
{
    private static readonly TimeSpan FirstPassPoll = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan FirstPassWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (graceful) or an unrecoverable error.</summary>
    /// <param name="cancellationToken">Stops the operator.</param>
    /// <returns>A task that completes when everything stopped; faulted on an unrecoverable error.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var informersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventsStop = new CancellationTokenSource();
        var informers = components.Informers.Select(i => i.RunAsync(informersStop.Token)).ToList();
        var events = components.Events.RunAsync(eventsStop.Token);
        _ = AfterSyncAsync(cancellationToken);
        try
        {
            await (elector is null
                ? ReconcileAsync(cancellationToken, CancellationToken.None)
                : elector.RunAsync(term => ReconcileAsync(cancellationToken, term.Lost), cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is not OperationCanceledException)
        {
            status.Fail();
            HostLog.Fatal(logger, e);
            throw;
        }
        finally
        {
            // Controllers are down (or never ran): their last Events go out, and the caches may stop now.
            await eventsStop.CancelAsync().ConfigureAwait(false);
            await events.ConfigureAwait(false);
            await informersStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the controllers: on <paramref name="stop"/> they drain gracefully, and while the term still lasts the Events
    /// they posted are flushed; on <paramref name="abort"/> (the leadership term ended) they stop at once and their
    /// queued Events are dropped.
    /// </summary>
    private async Task ReconcileAsync(CancellationToken stop, CancellationToken abort)
    {
        if (elector is not null)
        {
            HostLog.Leading(logger);
        }

        await Task.WhenAll(components.Controllers.Select(c => c.RunAsync(stop, abort))).ConfigureAwait(false);
        if (!abort.IsCancellationRequested)
        {
            await components.Events.FlushAsync().ConfigureAwait(false);
        }

        HostLog.StoppedReconciling(logger);
    }

    private async Task AfterSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(components.Informers.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
            var (sequentialJobs, jobs, pods) = (components.Caches.Sum(c => c.SequentialJobs.Count), components.Caches.Sum(c => c.Jobs.Count), components.Caches.Sum(c => c.Pods.Count));
            HostLog.CachesSynced(logger, sequentialJobs, jobs, pods);
            await WaitForFirstPassAsync(cancellationToken).ConfigureAwait(false);
            ReleaseGarbage();
            await CompactWhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the caches synced.
        }
    }

    /// <summary>
    /// Waits until each running controller has reconciled every object once (a standby replica runs none), or
    /// <see cref="FirstPassWait"/> passed: a controller kept busy by new work would never be idle.
    /// </summary>
    private async Task WaitForFirstPassAsync(CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (waited < FirstPassWait && components.Controllers.Any(c => c.IsRunning && !c.IsIdle))
        {
            await Task.Delay(FirstPassPoll, cancellationToken).ConfigureAwait(false);
            waited += FirstPassPoll;
        }
    }

    /// <summary>
    /// One aggressive (compacting, decommitting) collection. After start-up: the initial lists and the first pass over
    /// every object allocate much more than the operator does afterwards, and the collector sizes its youngest
    /// generation by what survived then (everything listed survives), so the process would keep that start-up size for
    /// hours. After a burst of work: see <see cref="IdleCompaction"/> (docs/benchmarks.md).
    /// </summary>
    /// <summary>After each burst of work, once the controllers are idle, returns what the burst left (<see cref="IdleCompaction"/>).</summary>
    private async Task CompactWhenIdleAsync(CancellationToken cancellationToken)
    {
        var policy = IdleCompaction.After(CommittedBytes());
        using var timer = new PeriodicTimer(IdleCheck);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var idle = components.Controllers.All(c => !c.IsRunning || c.IsIdle);
            (policy, var collect) = policy.Observe(idle, CommittedBytes());
            if (collect)
            {
                ReleaseGarbage();
                policy = IdleCompaction.After(CommittedBytes());
            }
        }
    }

    private static long CommittedBytes() => GC.GetGCMemoryInfo().TotalCommittedBytes;

    private static void ReleaseGarbage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
