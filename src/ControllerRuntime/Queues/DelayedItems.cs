namespace Kueueleuleu.ControllerRuntime.Queues;

/// <summary>Keys waiting for a due time; a key waits once, at the earliest time it was asked for.</summary>
/// <typeparam name="T">The key type.</typeparam>
internal sealed class DelayedItems<T>
    where T : notnull
{
    private readonly Dictionary<T, DateTimeOffset> due = [];

    // May hold stale entries (a key moved earlier); they are skipped when they surface.
    private readonly PriorityQueue<T, DateTimeOffset> heap = new();

    public int Count => due.Count;

    /// <summary>Schedules the key; false when it already waits for an earlier or equal time.</summary>
    public bool TryAdd(T item, DateTimeOffset at)
    {
        if (due.TryGetValue(item, out var existing) && existing <= at)
        {
            return false;
        }

        due[item] = at;
        heap.Enqueue(item, at);
        return true;
    }

    /// <summary>The earliest due time, or null when nothing waits.</summary>
    public DateTimeOffset? Earliest()
    {
        DropStale();
        return heap.TryPeek(out _, out var at) ? at : null;
    }

    /// <summary>Takes the next key whose time has come.</summary>
    public bool TryTakeDue(DateTimeOffset now, out T item)
    {
        DropStale();
        if (heap.TryPeek(out item!, out var at) && at <= now)
        {
            heap.Dequeue();
            due.Remove(item);
            return true;
        }

        item = default!;
        return false;
    }

    public void Clear()
    {
        due.Clear();
        heap.Clear();
    }

    private void DropStale()
    {
        while (heap.TryPeek(out var item, out var at) && (!due.TryGetValue(item, out var current) || current != at))
        {
            heap.Dequeue();
        }
    }
}
