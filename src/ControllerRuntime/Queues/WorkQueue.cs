using System.Diagnostics.CodeAnalysis;
using Kueueleuleu.ControllerRuntime.Diagnostics;

namespace Kueueleuleu.ControllerRuntime.Queues;

/// <summary>
/// The queue between change notifications and workers. A key added many times while it waits is processed
/// once; a key being processed is never handed to a second worker, and if it is added meanwhile it is handed
/// out again after <see cref="Done"/>. Keys can be added after a delay (the earliest requested time wins) or
/// rate-limited: per-key exponential backoff, bounded overall by a token bucket.
/// </summary>
/// <typeparam name="T">The key type.</typeparam>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue; the name is the one controller runtimes use.")]
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<T> queue = new();

    // Keys that must be processed (again): queued ones, and processing ones that were added meanwhile.
    private readonly Dictionary<T, long> dirty = [];
    private readonly HashSet<T> processing = [];
    private readonly LinkedList<TaskCompletionSource<(T Item, bool ShutDown)>> waiters = new();
    private readonly DelayedItems<T> delayed = new();
    private readonly ExponentialBackoff<T> backoff;
    private readonly TokenBucket bucket;
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly RuntimeMetrics? metrics;
    private readonly KeyValuePair<string, object?> queueTag;
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? timerDue;
    private bool shuttingDown;
    private bool draining;

    /// <summary>Creates the queue.</summary>
    /// <param name="options">Name and retry pacing.</param>
    /// <param name="time">The clock for delays and the token bucket; the system clock when null.</param>
    /// <param name="metrics">Where to record depth, adds and retries; nothing when null.</param>
    public WorkQueue(WorkQueueOptions? options = null, TimeProvider? time = null, RuntimeMetrics? metrics = null)
    {
        Options = options ?? new WorkQueueOptions();
        this.time = time ?? TimeProvider.System;
        this.metrics = metrics;
        queueTag = new("queue", Options.Name);
        backoff = new ExponentialBackoff<T>(Options.BaseRetryDelay, Options.MaxRetryDelay);
        bucket = new TokenBucket(Options.RetriesPerSecond, Options.RetryBurst, this.time);
        timer = this.time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The options.</summary>
    public WorkQueueOptions Options { get; }

    /// <summary>Keys ready to be handed out (the queue depth).</summary>
    public int Length
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for a delay to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (gate)
            {
                return delayed.Count;
            }
        }
    }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (gate)
            {
                return processing.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> or <see cref="ShutDownWithDrainAsync"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Adds a key now; ignored when it is already queued or after shutdown.</summary>
    /// <param name="item">The key.</param>
    public void Add(T item)
    {
        lock (gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Adds a key once <paramref name="delay"/> has passed; when it already waits, the earlier time wins.</summary>
    /// <param name="item">The key.</param>
    /// <param name="delay">The delay; zero or less adds at once.</param>
    public void AddAfter(T item, TimeSpan delay)
    {
        lock (gate)
        {
            AddAfterLocked(item, delay);
        }
    }

    /// <summary>
    /// Adds a key after its backoff (doubling with each call until <see cref="Forget"/>) and after the overall
    /// token bucket allows it, whichever is later.
    /// </summary>
    /// <param name="item">The key.</param>
    public void AddRateLimited(T item)
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            metrics?.QueueRetries.Add(1, queueTag);
            var delay = backoff.Next(item);
            var bucketDelay = bucket.Reserve();
            AddAfterLocked(item, bucketDelay > delay ? bucketDelay : delay);
        }
    }

    /// <summary>Resets a key's backoff (after it was processed successfully). Does not remove it from the queue.</summary>
    /// <param name="item">The key.</param>
    public void Forget(T item)
    {
        lock (gate)
        {
            backoff.Forget(item);
        }
    }

    /// <summary>How many rate-limited adds the key had since it was last forgotten.</summary>
    /// <param name="item">The key.</param>
    /// <returns>The count.</returns>
    public int NumRequeues(T item)
    {
        lock (gate)
        {
            return backoff.Failures(item);
        }
    }

    /// <summary>
    /// Waits for the next key and marks it processing; the caller must call <see cref="Done"/> with it. After
    /// shutdown (and, when draining, once nothing is left) it returns <c>ShutDown = true</c>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key, or <c>ShutDown = true</c>.</returns>
    public async ValueTask<(T Item, bool ShutDown)> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<(T Item, bool ShutDown)> waiter;
        LinkedListNode<TaskCompletionSource<(T Item, bool ShutDown)>> node;
        lock (gate)
        {
            if (queue.TryDequeue(out var item))
            {
                metrics?.QueueDepth.Add(-1, queueTag);
                return (HandOutLocked(item), false);
            }

            if (IsFinishedLocked())
            {
                return (default!, true);
            }

            waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
            node = waiters.AddLast(waiter);
        }

        using var registration = cancellationToken.Register(() => CancelWaiter(node, cancellationToken));
        return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Marks a key processed; if it was added while processing, it is queued again.</summary>
    /// <param name="item">The key <see cref="GetAsync"/> returned.</param>
    public void Done(T item)
    {
        lock (gate)
        {
            processing.Remove(item);
            if (dirty.ContainsKey(item) && (!shuttingDown || draining))
            {
                EnqueueLocked(item);
            }

            CompleteShutdownIfFinishedLocked();
        }
    }

    /// <summary>
    /// Stops the queue: no more adds, queued and delayed keys are dropped, waiting and future
    /// <see cref="GetAsync"/> calls return <c>ShutDown = true</c>. Keys being processed may still be marked Done.
    /// </summary>
    public void ShutDown()
    {
        lock (gate)
        {
            shuttingDown = true;
            metrics?.QueueDepth.Add(-queue.Count, queueTag);
            queue.Clear();
            dirty.Clear();
            delayed.Clear();
            CompleteShutdownIfFinishedLocked();
            ReleaseWaitersLocked();
        }
    }

    /// <summary>
    /// Stops accepting adds and drops delayed keys, but keeps handing out the queued ones; completes once the
    /// queue is empty and every handed-out key is Done.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the queue stays shut down).</param>
    /// <returns>A task that completes when drained.</returns>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            shuttingDown = true;
            draining = true;
            delayed.Clear();
            CompleteShutdownIfFinishedLocked();
        }

        return drained.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Shuts the queue down and releases its timer.</summary>
    public void Dispose()
    {
        ShutDown();
        timer.Dispose();
    }

    private void AddLocked(T item)
    {
        if (shuttingDown)
        {
            return;
        }

        metrics?.QueueAdds.Add(1, queueTag);
        if (!dirty.TryAdd(item, time.GetTimestamp()) || processing.Contains(item))
        {
            // Already queued, or processing: Done queues it again.
            return;
        }

        EnqueueLocked(item);
    }

    private void AddAfterLocked(T item, TimeSpan delay)
    {
        if (shuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            AddLocked(item);
            return;
        }

        if (delayed.TryAdd(item, time.GetUtcNow() + delay))
        {
            ArmTimerLocked();
        }
    }

    private void EnqueueLocked(T item)
    {
        // A waiting worker takes the key directly; a waiter still in the list has not been cancelled yet,
        // because cancellation removes it under the lock before cancelling its task.
        if (waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.SetResult((HandOutLocked(item), false));
            return;
        }

        queue.Enqueue(item);
        metrics?.QueueDepth.Add(1, queueTag);
    }

    private T HandOutLocked(T item)
    {
        if (dirty.Remove(item, out var addedAt) && metrics is not null)
        {
            metrics.QueueLatency.Record(time.GetElapsedTime(addedAt).TotalSeconds, queueTag);
        }

        processing.Add(item);
        return item;
    }

    private void CancelWaiter(LinkedListNode<TaskCompletionSource<(T Item, bool ShutDown)>> node, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                // Already handed a key or released: the caller gets that result.
                return;
            }

            waiters.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private void OnTimer()
    {
        lock (gate)
        {
            timerDue = null;
            var now = time.GetUtcNow();
            while (delayed.TryTakeDue(now, out var item))
            {
                AddLocked(item);
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        if (shuttingDown || delayed.Earliest() is not { } earliest || earliest >= timerDue)
        {
            return;
        }

        timerDue = earliest;
        var wait = earliest - time.GetUtcNow();
        // At least a millisecond: a timer that fires a hair early must not spin.
        timer.Change(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, Timeout.InfiniteTimeSpan);
    }

    private bool IsFinishedLocked() => shuttingDown && queue.Count == 0 && (!draining || processing.Count == 0);

    private void CompleteShutdownIfFinishedLocked()
    {
        if (!shuttingDown || queue.Count > 0 || processing.Count > 0)
        {
            if (IsFinishedLocked())
            {
                ReleaseWaitersLocked();
            }

            return;
        }

        drained.TrySetResult();
        ReleaseWaitersLocked();
    }

    private void ReleaseWaitersLocked()
    {
        while (waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult((default!, true));
        }
    }
}
