using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Diagnostics;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kueueleuleu.ControllerRuntime.Informers;

/// <summary>
/// A cache of one resource (one namespace or all, optionally filtered by selectors) kept current by a
/// <see cref="Reflector"/>, with change notifications. Objects are kept as compact text (<see cref="StoredObject"/>)
/// and parsed on each read, so every read returns a tree of the caller's own. Reads are thread-safe.
/// </summary>
public sealed class Informer
{
    private readonly IKubernetesClient client;
    private readonly ILogger logger;
    private readonly RuntimeMetrics? metrics;
    private readonly KeyValuePair<string, object?> resourceTag;
    private readonly ConcurrentDictionary<ObjectKey, StoredObject> store = new();
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Action<InformerEvent>> handlers = [];
    private volatile Reflector? reflector;
    private int started;

    /// <summary>Creates the informer; nothing is read until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="type">The resource.</param>
    /// <param name="options">Namespace, selectors, pruning, watch pacing.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where to count objects and events; nothing when null.</param>
    public Informer(IKubernetesClient client, ResourceType type, InformerOptions? options = null, ILogger<Informer>? logger = null, RuntimeMetrics? metrics = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Options = options ?? new InformerOptions();
        this.logger = logger ?? NullLogger<Informer>.Instance;
        this.metrics = metrics;
        resourceTag = new("resource", type.ToString());
    }

    /// <summary>The resource.</summary>
    public ResourceType Type { get; }

    /// <summary>The options.</summary>
    public InformerOptions Options { get; }

    /// <summary>Whether the initial list completed: from then on the cache reflects the server.</summary>
    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>The number of cached objects.</summary>
    public int Count => store.Count;

    /// <summary>
    /// Whether the cache can be trusted now: it synced once and its watch is open (or between two watches, or relisting
    /// after 410 Gone). False with the reason while it has not synced, or since a list or watch failed (refused,
    /// forbidden, the resource gone, a dead connection) until a watch is open again.
    /// </summary>
    /// <returns>Whether healthy, and a sentence naming the resource, the namespace and the failure.</returns>
    public (bool Ok, string Reason) Health()
    {
        var what = $"{Type} in {(Options.Namespace is { } ns ? $"namespace {ns}" : "all namespaces")}";
        var failure = reflector?.Failure;
        if (!HasSynced)
        {
            return (false, failure is null ? $"{what}: not synced yet" : $"{what}: not synced yet: {failure.Error.Message}");
        }

        if (failure is not null)
        {
            var seconds = Math.Max(0, (DateTimeOffset.UtcNow - failure.Since).TotalSeconds);
            return (false, $"{what}: not watching for {seconds:0}s: {failure.Error.Message}");
        }

        return (true, $"{what}: watching");
    }

    /// <summary>A cached object (the caller's own tree), or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The object.</returns>
    public JsonObject? Get(ObjectKey key) => store.TryGetValue(key, out var obj) ? obj.Parse() : null;

    /// <summary>The keys of all cached objects (a snapshot).</summary>
    /// <returns>The keys.</returns>
    public IReadOnlyList<ObjectKey> Keys() => [.. store.Keys];

    /// <summary>The cached objects of one namespace (a snapshot).</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The objects.</returns>
    public IReadOnlyList<JsonObject> List(string ns) => Find(ns, null, _ => true);

    /// <summary>The cached objects carrying a label with a value, in one namespace or all (a snapshot).</summary>
    /// <param name="ns">The namespace; null for all.</param>
    /// <param name="labelKey">The label key.</param>
    /// <param name="labelValue">The label value.</param>
    /// <returns>The objects.</returns>
    public IReadOnlyList<JsonObject> ListByLabel(string? ns, string labelKey, string labelValue) =>
        Find(ns, labelValue, obj => string.Equals(ObjectMetadata.Label(obj, labelKey), labelValue, StringComparison.Ordinal));

    /// <summary>The cached object with a metadata.uid, in one namespace or all, or null.</summary>
    /// <param name="ns">The namespace; null for all.</param>
    /// <param name="uid">The UID.</param>
    /// <returns>The object.</returns>
    public JsonObject? GetByUid(string? ns, string uid) =>
        Find(ns, uid, obj => string.Equals(ObjectMetadata.Uid(obj), uid, StringComparison.Ordinal)) is [var found, ..] ? found : null;

    /// <summary>
    /// The cached objects of a namespace (or all) that match <paramref name="predicate"/>. When the match needs a string
    /// value, objects whose text lacks it are ruled out without being parsed.
    /// </summary>
    private List<JsonObject> Find(string? ns, string? requiredValue, Func<JsonObject, bool> predicate)
    {
        var text = requiredValue is null ? null : StoredObject.QuotedText(requiredValue);
        return [.. store
            .Where(kv => ns is null || string.Equals(kv.Key.Namespace, ns, StringComparison.Ordinal))
            .Where(kv => text is null || kv.Value.Contains(text))
            .Select(kv => kv.Value.Parse())
            .Where(predicate)];
    }

    /// <summary>
    /// Registers a handler for every later change. Handlers run one at a time on the informer's loop, so they
    /// must be quick (enqueue a key); an exception is logged and does not stop the informer.
    /// </summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Unregisters the handler.</returns>
    public IDisposable Subscribe(Action<InformerEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref handlers, (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref handlers, (list, h) => list.Remove(h), handler));
    }

    /// <summary>Waits until the initial list completed.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes on sync.</returns>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Lists, then watches, until cancelled; recovers from every failure on its own (relisting when needed).
    /// Runs once per informer. Returns normally on cancellation.
    /// </summary>
    /// <param name="cancellationToken">Stops the informer.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) == 1)
        {
            throw new InvalidOperationException($"the informer for {Type} already ran; create a new one");
        }

        var mirror = new Reflector(client, Type, Options.Watch with
        {
            Namespace = Options.Namespace,
            LabelSelector = Options.LabelSelector,
            FieldSelector = Options.FieldSelector,
            Transform = Prepare,
            OnError = LogFailure,
            OnRecovered = ended => RuntimeLog.WatchRecovered(logger, Type.ToString(), Options.Namespace ?? "(all)", (DateTimeOffset.UtcNow - ended.Since).TotalSeconds),
        });
        reflector = mirror;
        RuntimeLog.InformerStarting(logger, Type.ToString(), Options.Namespace ?? "(all)", Options.LabelSelector ?? "");
        try
        {
            await foreach (var change in mirror.RunAsync(cancellationToken).ConfigureAwait(false))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of an informer.
        }
    }

    /// <summary>Logs why the list or watch failed; the stack only for failures that are not the API's or the network's.</summary>
    private void LogFailure(Exception e)
    {
        var expected = e is Kubernetes.Http.KubernetesApiException or HttpRequestException or IOException or TimeoutException;
        RuntimeLog.WatchFailed(logger, Type.ToString(), Options.Namespace ?? "(all)", e.Message, expected ? null : e);
    }

    private void Apply(ReflectorEvent change)
    {
        if (change.Type == ReflectorEventType.Synced)
        {
            if (synced.TrySetResult())
            {
                RuntimeLog.InformerSynced(logger, Type.ToString(), store.Count);
            }

            return;
        }

        var stored = change.Stored!;
        var key = new ObjectKey(stored.Namespace ?? "", stored.Name);
        var informerEvent = change.Type == ReflectorEventType.Deleted ? Remove(key, change) : Store(key, change);
        metrics?.InformerEvents.Add(1, resourceTag, new("type", informerEvent.Type.ToString().ToLowerInvariant()));
        Notify(informerEvent);
    }

    private InformerEvent Store(ObjectKey key, ReflectorEvent change)
    {
        var stored = change.Stored!;
        StoredObject? old = null;
        store.AddOrUpdate(key, stored, (_, previous) =>
        {
            old = previous;
            return stored;
        });
        if (old is null)
        {
            metrics?.InformerObjects.Add(1, resourceTag);
            return new InformerEvent(InformerEventType.Added, key, null, () => change.Item);
        }

        return new InformerEvent(InformerEventType.Updated, key, old.Parse, () => change.Item);
    }

    private InformerEvent Remove(ObjectKey key, ReflectorEvent change)
    {
        if (store.TryRemove(key, out _))
        {
            metrics?.InformerObjects.Add(-1, resourceTag);
        }

        return new InformerEvent(InformerEventType.Deleted, key, () => change.Item, null);
    }

    private JsonObject Prepare(JsonObject obj)
    {
        if (Options.PruneManagedFields)
        {
            ObjectMetadata.PruneManagedFields(obj);
        }

        Options.Trim?.Invoke(obj);
        return obj;
    }

    private void Notify(InformerEvent informerEvent)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler(informerEvent);
            }
#pragma warning disable CA1031 // A faulty handler must not stop the cache for every other consumer.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RuntimeLog.HandlerFailed(logger, Type.ToString(), e);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
