using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Records Events on SequentialJobs. A repeat of the same event (object, type, reason, message) raises the count of
/// the Event already recorded instead of creating another, as client-go's correlator does, so a flapping condition
/// does not flood the namespace. Best effort: a failure is logged, never fails the reconcile.
/// </summary>
public sealed class EventRecorder
{
    // Bounded: forgetting an old event only means its next repeat is a new Event.
    private const int MaxRemembered = 4096;

    private readonly IKubernetesClient client;
    private readonly string instance;
    private readonly TimeProvider time;
    private readonly OperatorMetrics metrics;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string Name, int Count)> recorded = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>Creates the recorder.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="instance">This replica's identity (<c>reportingInstance</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="metrics">Counts emitted events.</param>
    /// <param name="logger">Logs failures.</param>
    public EventRecorder(IKubernetesClient client, string instance, TimeProvider time, OperatorMetrics metrics, ILogger logger)
    {
        this.client = client;
        this.instance = instance;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
    }

    /// <summary>Records one event on <paramref name="involved"/>.</summary>
    /// <param name="involved">The object (apiVersion, kind, metadata with namespace, name, uid).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded (or given up).</returns>
    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var ns = involved["metadata"]?["namespace"]?.GetValue<string>() ?? "";
        var name = involved["metadata"]?["name"]?.GetValue<string>() ?? "";
        var key = string.Join('\0', ns, involved["metadata"]?["uid"]?.GetValue<string>(), type, reason, message);
        try
        {
            await CreateOrRepeatAsync(involved, key, ns, type, reason, message, cancellationToken).ConfigureAwait(false);
            metrics.EventsEmitted.Add(1, new("type", type), new("reason", reason));
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or TimeoutException)
        {
            ReconcilerLog.EventFailed(logger, ns, name, reason, e.Message);
        }
    }

    private async Task CreateOrRepeatAsync(JsonObject involved, string key, string ns, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Remembered(key) is { } previous)
        {
            try
            {
                await client.PatchAsync(ResourceType.Events, ns, previous.Name, Patch.Merge(EventObject.Repeat(previous.Count + 1, now)), null, cancellationToken).ConfigureAwait(false);
                Remember(key, previous.Name, previous.Count + 1);
                return;
            }
            catch (KubernetesNotFoundException)
            {
                // The Event expired (the API server keeps them an hour by default): record a new one.
            }
        }

        var created = await client.CreateAsync(ResourceType.Events, ns, EventObject.Create(involved, type, reason, message, now, instance), null, cancellationToken).ConfigureAwait(false);
        Remember(key, created["metadata"]?["name"]?.GetValue<string>() ?? "", 1);
    }

    private (string Name, int Count)? Remembered(string key)
    {
        lock (gate)
        {
            return recorded.TryGetValue(key, out var entry) ? entry : null;
        }
    }

    private void Remember(string key, string name, int count)
    {
        lock (gate)
        {
            if (!recorded.ContainsKey(key))
            {
                order.Enqueue(key);
                while (order.Count > MaxRemembered)
                {
                    recorded.Remove(order.Dequeue());
                }
            }

            recorded[key] = (name, count);
        }
    }
}
