using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>
/// Mirrors a collection into a store: list, then watch from the list's resource version; resume from the
/// last seen resource version (bookmarks included) when a watch ends or drops; on 410 Gone list again and
/// report the differences as synthetic events, so a consumer never misses a change's final state.
/// </summary>
public sealed class Reflector
{
    private readonly IKubernetesClient client;
    private readonly ResourceType type;
    private readonly ReflectorOptions options;
    private readonly ConcurrentDictionary<string, StoredObject> store = new(StringComparer.Ordinal);
    private readonly Backoff backoff;

    /// <summary>Creates the reflector; nothing happens until <see cref="RunAsync"/> is enumerated.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">The resource to mirror.</param>
    /// <param name="options">Namespace, selectors, pacing.</param>
    public Reflector(IKubernetesClient client, ResourceType type, ReflectorOptions? options = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.type = type ?? throw new ArgumentNullException(nameof(type));
        this.options = options ?? new ReflectorOptions();
        backoff = new Backoff(this.options.InitialBackoff, this.options.MaxBackoff);
    }

    /// <summary>The mirrored objects by <see cref="ObjectKey"/>, as stored (compact text; <see cref="StoredObject.Parse"/> reads one).</summary>
    public IReadOnlyDictionary<string, StoredObject> Items => store;

    /// <summary>The resource version the next watch resumes from; null before the first list and while a relist is due.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many lists completed (1 after the initial sync; more after 410 Gone).</summary>
    public int Lists { get; private set; }

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
            backoff.Reset();
            return changes;
        }
        catch (Exception e) when (IsRecoverable(e, cancellationToken))
        {
            options.OnError?.Invoke(e);
            await Task.Delay(backoff.Next(), cancellationToken);
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
            var list = await client.ListAsync(type, options.Namespace, page, cancellationToken);
            // Every page of a paged list is served from the first page's snapshot: its version is the list's.
            resourceVersion ??= list.ResourceVersion;
            // Stored page by page: a parsed page is many times its objects' stored size, and only one is alive at a time.
            items.AddRange(list.Items.Select(Store));
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
                    // The server's timeout ended the watch cleanly: resume at once, unless something ends
                    // every watch immediately (a misbehaving proxy), which must not become a busy loop.
                    if (!received && started.Elapsed < TimeSpan.FromSeconds(1))
                    {
                        await Task.Delay(backoff.Next(), cancellationToken);
                    }

                    yield break;
                }

                received = true;

                watchEvent = events.Current;
            }
            catch (KubernetesGoneException)
            {
                ResourceVersion = null;
                yield break;
            }
            catch (Exception e) when (IsRecoverable(e, cancellationToken))
            {
                options.OnError?.Invoke(e);
                await Task.Delay(backoff.Next(), cancellationToken);
                yield break;
            }

            if (Apply(watchEvent) is { } change)
            {
                yield return change;
            }

            if (ResourceVersion is null)
            {
                yield break;
            }
        }
    }

    /// <summary>Applies one watch event to the store; returns the change to report, if any.</summary>
    private ReflectorEvent? Apply(WatchEvent watchEvent)
    {
        switch (watchEvent.Type)
        {
            case WatchEventType.Error:
                // 410 means our version left the window; any other error also leaves the stream's position unknown.
                options.OnError?.Invoke(KubernetesApiException.For(watchEvent.Status!, $"WATCH {type}"));
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
        };
    }

    private static bool IsRecoverable(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
