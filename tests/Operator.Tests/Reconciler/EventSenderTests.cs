using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Tests.Cluster;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Reconciler;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Tests.Reconciler;

/// <summary>
/// The queue in front of the Event recorder: what it does when it is full, and at a graceful stop with Events still
/// queued. Events are recorded on a ConfigMap, the cheapest object to involve.
/// </summary>
[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class EventSenderTests(RuntimeClusterFixture cluster)
{
    [Fact]
    public async Task Events_still_queued_at_a_stop_are_sent()
    {
        await using var ns = await cluster.CreateNamespaceAsync("events");
        using var metrics = new OperatorMetrics();
        var involved = await InvolvedAsync(ns.Name);
        var sender = new EventSender(new EventRecorder(cluster.Client, "test", TimeProvider.System, metrics, new RecordingLogger()), new RecordingLogger());
        string[] reasons = ["StepStarted", "StepSucceeded", "RunSucceeded"];
        foreach (var reason in reasons)
        {
            sender.Post(involved, "Normal", reason, $"{reason} on purpose");
        }

        // Stopped before it took anything from the queue: only the drain can send them.
        await sender.RunAsync(new CancellationToken(canceled: true));

        var events = (await cluster.Client.ListAsync(ResourceType.Events, ns.Name)).Items;
        Assert.Equal(reasons.Order(), events.Select(e => (string)e["reason"]!).Order());
        Assert.All(events, e => Assert.Equal("settings", (string?)e["involvedObject"]?["name"]));
    }

    [Fact]
    public async Task Events_beyond_the_capacity_are_dropped_and_logged()
    {
        await using var ns = await cluster.CreateNamespaceAsync("events");
        using var metrics = new OperatorMetrics();
        var involved = await InvolvedAsync(ns.Name);
        var logger = new RecordingLogger();
        var sender = new EventSender(new EventRecorder(cluster.Client, "test", TimeProvider.System, metrics, new RecordingLogger()), logger);

        for (var i = 0; i < EventSender.Capacity; i++)
        {
            sender.Post(involved, "Normal", "Queued", $"event {i}");
        }

        Assert.Empty(logger.Entries);
        sender.Post(involved, "Warning", "OneTooMany", "beyond the capacity");
        sender.Post(involved, "Warning", "TwoTooMany", "beyond the capacity");

        Assert.Collection(
            logger.Entries,
            e => Assert.Equal((LogLevel.Warning, $"Dropped event OneTooMany on {ns.Name}/settings: {EventSender.Capacity} events are already waiting to be sent"), e),
            e => Assert.Equal((LogLevel.Warning, $"Dropped event TwoTooMany on {ns.Name}/settings: {EventSender.Capacity} events are already waiting to be sent"), e));
    }

    private async Task<JsonObject> InvolvedAsync(string ns) =>
        await ConfigMaps.CreateAsync(cluster.Client, ns, "settings", ConfigMaps.Labels());

    /// <summary>Keeps what was logged, formatted.</summary>
    private sealed class RecordingLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message)> entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
