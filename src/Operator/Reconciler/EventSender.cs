using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Sends Events off the reconcile path, in the order they were posted, from one background loop (as client-go's
/// broadcaster does): a worker that wrote a status goes on to the next key instead of waiting for the Events' round
/// trips, which keeps the status of every other SequentialJob current. Bounded: when the API server cannot keep up,
/// new Events are dropped and logged rather than delaying reconciles or growing without limit.
/// </summary>
public sealed class EventSender
{
    /// <summary>How many Events may wait to be sent.</summary>
    public const int Capacity = 1024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<PendingEvent> pending = Channel.CreateBounded<PendingEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly EventRecorder recorder;
    private readonly ILogger logger;

    /// <summary>Creates the queue in front of <paramref name="recorder"/>.</summary>
    /// <param name="recorder">Sends (or repeats) each Event.</param>
    /// <param name="logger">Logs dropped Events.</param>
    public EventSender(EventRecorder recorder, ILogger logger)
    {
        this.recorder = recorder;
        this.logger = logger;
    }

    /// <summary>Queues one Event on <paramref name="involved"/>; never waits.</summary>
    /// <param name="involved">The object (apiVersion, kind, metadata with namespace, name, uid).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="message">The message.</param>
    public void Post(JsonObject involved, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        if (!pending.Writer.TryWrite(new PendingEvent(involved, type, reason, message)))
        {
            var metadata = involved["metadata"];
            ReconcilerLog.EventDropped(logger, metadata?["namespace"]?.GetValue<string>() ?? "", metadata?["name"]?.GetValue<string>() ?? "", reason, Capacity);
        }
    }

    /// <summary>
    /// Sends queued Events until <paramref name="stop"/> is cancelled, then sends what is still queued within a short
    /// bound, so that the Events of the last reconciles before a graceful shutdown are not lost.
    /// </summary>
    /// <param name="stop">Stops taking new work.</param>
    /// <returns>A task that completes when the loop stopped.</returns>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var e in pending.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                await recorder.RecordAsync(e.Involved, e.Type, e.Reason, e.Message, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: drain below.
        }

        using var drain = new CancellationTokenSource(DrainTimeout);
        try
        {
            while (pending.Reader.TryRead(out var e))
            {
                await recorder.RecordAsync(e.Involved, e.Type, e.Reason, e.Message, drain.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // Out of time: the rest is lost, as it would be on a crash.
        }
    }

    private sealed record PendingEvent(JsonObject Involved, string Type, string Reason, string Message);
}
