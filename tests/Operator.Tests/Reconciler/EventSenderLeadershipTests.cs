using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Tests.Cluster;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Reconciler;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Tests.Reconciler;

/// <summary>
/// The Event sender with leader election: an Event goes out only within the leadership term it was posted in, so a
/// replica that lost the Lease sends nothing more; a leader that stops gracefully flushes its Events first.
/// </summary>
[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class EventSenderLeadershipTests(RuntimeClusterFixture cluster)
{
    [Fact]
    public async Task Events_of_a_term_that_ended_are_dropped_and_the_log_says_so()
    {
        await using var ns = await cluster.CreateNamespaceAsync("events-term");
        using var metrics = new OperatorMetrics();
        var involved = await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "settings", ConfigMaps.Labels());
        using var term = new CancellationTokenSource();
        var logger = new LinesLogger();
        var sender = new EventSender(new EventRecorder(cluster.Client, "test", TimeProvider.System, metrics, logger), logger, () => term.Token);
        sender.Post(involved, "Normal", "StepStarted", "posted while leading");
        sender.Post(involved, "Normal", "StepSucceeded", "posted while leading");

        await term.CancelAsync();
        await sender.RunAsync(new CancellationToken(canceled: true));

        Assert.Empty((await cluster.Client.ListAsync(ResourceType.Events, ns.Name)).Items);
        Assert.Equal(2, logger.Lines.Count(l => l.Contains("the leadership term it was posted in ended", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_flush_waits_until_the_events_posted_so_far_are_sent()
    {
        await using var ns = await cluster.CreateNamespaceAsync("events-flush");
        using var metrics = new OperatorMetrics();
        var involved = await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "settings", ConfigMaps.Labels());
        using var term = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        var logger = new LinesLogger();
        var sender = new EventSender(new EventRecorder(cluster.Client, "test", TimeProvider.System, metrics, logger), logger, () => term.Token);
        var run = sender.RunAsync(stop.Token);
        string[] reasons = ["StepStarted", "StepSucceeded", "RunSucceeded"];
        foreach (var reason in reasons)
        {
            sender.Post(involved, "Normal", reason, $"{reason} on purpose");
        }

        await sender.FlushAsync();
        // Sent while the term lasts; ending it now drops nothing that was flushed.
        await term.CancelAsync();
        var events = (await cluster.Client.ListAsync(ResourceType.Events, ns.Name)).Items;
        Assert.Equal(reasons.Order(), events.Select(e => (string)e["reason"]!).Order());
        await stop.CancelAsync();
        await run;
    }

    private sealed class LinesLogger : ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
