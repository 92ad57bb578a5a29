using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>
/// Mirrors a collection into a store: list, then watch from the list's resource version; resume from the
/// last seen resource version (bookmarks included) when a watch ends, drops or stays silent past its idle bound; on
/// 410 Gone or another watch error list again and report the differences as synthetic events, so a consumer never
/// misses a change's final state. Every attempt that follows a failure waits a backoff that only data flowing again
/// resets, so no failure becomes a tight loop of lists or watches.
/// </summary>
public sealed class Reflector
{
    private readonly IKubernetesClient client;
    private readonly ResourceType type;
    private readonly ReflectorOptions options;
    private readonly ConcurrentDictionary<string, StoredObject> store = new(StringComparer.Ordinal);
    private readonly Backoff backoff;
    private volatile ReflectorFailure? failure;

    /// <summary>Creates the reflector; nothing happens until <see cref="RunAsync"/> is enumerated.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">The resource to mirror.</param>
    /// <param name="options">Namespace, selectors, pacing.</param>
    public Reflector(IKubernetesClient client, ResourceType type, ReflectorOptions? options = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.type = type ?? throw new ArgumentNullException(nameof(type));
        this.options = options ?? new ReflectorOptions();
        this.options.Validate();
        backoff = new Backoff(this.options.InitialBackoff, this.options.MaxBackoff);
    }

    /// <summary>The mirrored objects by <see cref="Objects.ObjectKey"/>, as stored (compact text; <see cref="StoredObject.Parse"/> reads one).</summary>
    public IReadOnlyDictionary<string, StoredObject> Items => store;

    /// <summary>The resource version the next watch resumes from; null before the first list and while a relist is due.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many lists completed (1 after the initial sync; more after 410 Gone).</summary>
    public int Lists { get; private set; }

    /// <summary>
    /// Why the reflector is not watching, or null while it is healthy: set by a failed list or watch (refused, dropped,
    /// silent past <see cref="ReflectorOptions.IdleTimeout"/>, an error event other than 410), cleared when a watch is
    /// open again. A watch that ended normally or a relist after 410 Gone is no failure.
    /// </summary>
    public ReflectorFailure? Failure => failure;

    /// <summary>Runs until cancelled, reporting every change of the store. Never throws except on cancellation.</summary>
    /// <param name="cancellationToken">Stops the reflector.</param>
    /// <returns>The store's changes; <see cref="ReflectorEventType.Synced"/> after each list.</returns>
    public async IAsyncEnumerable<ReflectorEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ResourceVersion is null)
            {
                var relist = await TryRelistAsync(cancellationToken);
                foreach (var change in relist ?? [])
                {
                    yield return change;
                }

                continue;
            }

            await foreach (var change in WatchOnceAsync(cancellationToken))
            {
                yield return change;
            }
        }
    }

    /// <summary>Lists everything and diffs it against the store; null (after a backoff) when the list failed.</summary>
    private async Task<List<ReflectorEvent>?> TryRelistAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (items, resourceVersion) = await ListAllAsync(cancellationToken);
            var changes = ApplyRelist(items);
            changes.Add(new ReflectorEvent(ReflectorEventType.Synced, null));
            ResourceVersion = resourceVersion;
            Lists++;
            // No backoff reset here: a list that succeeds before every watch fails must not restart the backoff.
            return changes;
        }
        catch (Exception e) when (IsRecoverable(e, cancellationToken))
        {
            Fail(e);
            await PauseAsync(cancellationToken);
            return null;
        }
    }

    private async Task<(List<StoredObject> Items, string ResourceVersion)> ListAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ListPagesAsync(options.PageSize, cancellationToken);
        }
        catch (KubernetesGoneException)
        {
            // The continue token expired between pages (compaction): one unpaged list is consistent.
            return await ListPagesAsync(null, cancellationToken);
        }
    }

    private async Task<(List<StoredObject> Items, string ResourceVersion)> ListPagesAsync(int? limit, CancellationToken cancellationToken)
    {
        var items = new List<StoredObject>();
        var page = new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector, Limit = limit };
        string? resourceVersion = null;
        do
        {
            // Each object is transformed and stored as soon as it is read: one parsed object is alive at a time, not a page.
            var list = await client.ListEachAsync(type, options.Namespace, page, item => items.Add(Store(item)), cancellationToken);
            // Every page of a paged list is served from the first page's snapshot: its version is the list's.
            resourceVersion ??= list.ResourceVersion;
            page = page with { Continue = list.Continue };
        }
        while (page.Continue is not null);
        return (items, resourceVersion);
    }

    private List<ReflectorEvent> ApplyRelist(List<StoredObject> items)
    {
        var changes = new List<ReflectorEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = item.Key;
            seen.Add(key);
            if (!store.TryGetValue(key, out var old))
            {
                changes.Add(new ReflectorEvent(ReflectorEventType.Added, item));
            }
            else if (old.ResourceVersion != item.ResourceVersion)
            {
                changes.Add(new ReflectorEvent(ReflectorEventType.Modified, item));
            }

            store[key] = item;
        }

        // Key order makes the synthetic deletions deterministic.
        foreach (var (key, old) in store.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!seen.Contains(key) && store.TryRemove(key, out _))
            {
                changes.Add(new ReflectorEvent(ReflectorEventType.Deleted, old));
            }
        }

        return changes;
    }

    private async IAsyncEnumerable<ReflectorEvent> WatchOnceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = client.WatchAsync(type, options.Namespace, NextWatchOptions(), cancellationToken);
        await using var events = watch.GetAsyncEnumerator(cancellationToken);
        var started = Stopwatch.StartNew();
        var received = false;
        while (true)
        {
            WatchEvent watchEvent;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    await EndedAsync(received, started.Elapsed, cancellationToken);
                    yield break;
                }

                received = true;

                watchEvent = events.Current;
            }
            catch (KubernetesGoneException e)
            {
                // Our version left the server's window: list again (after the backoff, so a server that keeps
                // answering 410 is not listed in a loop). Expected after an outage: no failure.
                options.OnError?.Invoke(e);
                ResourceVersion = null;
                await PauseAsync(cancellationToken);
                yield break;
            }
            catch (Exception e) when (IsRecoverable(e, cancellationToken))
            {
                Fail(e);
                await PauseAsync(cancellationToken);
                yield break;
            }

            if (Apply(watchEvent) is { } change)
            {
                yield return change;
            }

            if (ResourceVersion is null)
            {
                await PauseAsync(cancellationToken);
                yield break;
            }
        }
    }

    /// <summary>
    /// The watch ended without an error. The server's timeout ends a healthy watch this way: resume at once, and
    /// forget earlier failures. Something that ends every watch immediately (a misbehaving proxy) must not become a
    /// busy loop: such an end waits the backoff.
    /// </summary>
    private async Task EndedAsync(bool received, TimeSpan lasted, CancellationToken cancellationToken)
    {
        if (!received && lasted < TimeSpan.FromSeconds(1))
        {
            await PauseAsync(cancellationToken);
            return;
        }

        backoff.Reset();
    }

    /// <summary>Applies one watch event to the store; returns the change to report, if any.</summary>
    private ReflectorEvent? Apply(WatchEvent watchEvent)
    {
        switch (watchEvent.Type)
        {
            case WatchEventType.Error:
                // 410 means our version left the window: list again. Any other error also leaves the stream's
                // position unknown and is a failure; the caller waits the backoff before the list either way.
                var error = KubernetesApiException.For(watchEvent.Status!, $"WATCH {type}");
                if (error is KubernetesGoneException)
                {
                    options.OnError?.Invoke(error);
                }
                else
                {
                    Fail(error);
                }

                ResourceVersion = null;
                return null;
            case WatchEventType.Bookmark:
                ResourceVersion = watchEvent.ResourceVersion ?? ResourceVersion;
                return null;
        }

        backoff.Reset();
        ResourceVersion = watchEvent.ResourceVersion ?? ResourceVersion;
        var item = Transform(watchEvent.Item);
        var stored = StoredObject.From(item);
        var key = stored.Key;
        if (watchEvent.Type == WatchEventType.Deleted)
        {
            store.TryRemove(key, out _);
        }
        else
        {
            store[key] = stored;
        }

        var changeType = watchEvent.Type switch
        {
            WatchEventType.Added => ReflectorEventType.Added,
            WatchEventType.Modified => ReflectorEventType.Modified,
            _ => ReflectorEventType.Deleted,
        };
        return new ReflectorEvent(changeType, stored, item);
    }

    private JsonObject Transform(JsonObject received) => options.Transform?.Invoke(received) ?? received;

    private StoredObject Store(JsonObject received) => StoredObject.From(Transform(received));

    private WatchOptions NextWatchOptions()
    {
        var min = options.MinWatchTimeout.TotalSeconds;
        var spread = Math.Max(0, options.MaxWatchTimeout.TotalSeconds - min);
        return new WatchOptions
        {
            ResourceVersion = ResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)Math.Max(1, min + (Random.Shared.NextDouble() * spread)),
            LabelSelector = options.LabelSelector,
            FieldSelector = options.FieldSelector,
            IdleTimeout = options.IdleTimeout,
            Opened = Recovered,
        };
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref failure, null) is { } ended)
        {
            options.OnRecovered?.Invoke(ended);
        }
    }

    /// <summary>Reports a failure, then records it (keeping when the current streak began): whoever sees it recorded finds it reported.</summary>
    private void Fail(Exception e)
    {
        options.OnError?.Invoke(e);
        failure = new ReflectorFailure(e, failure?.Since ?? DateTimeOffset.UtcNow);
    }

    private Task PauseAsync(CancellationToken cancellationToken) => Task.Delay(backoff.Next(), cancellationToken);

    private static bool IsRecoverable(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
