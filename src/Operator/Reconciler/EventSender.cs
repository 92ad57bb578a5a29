using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Sends Events off the reconcile path, in the order they were posted, from one background loop (as client-go's
/// broadcaster does): a worker that wrote a status goes on to the next key instead of waiting for the Events' round
/// trips, which keeps the status of every other SequentialJob current. Bounded: when the API server cannot keep up,
/// new Events are dropped and logged rather than delaying reconciles or growing without limit. With leader election,
/// an Event is sent only within the leadership term it was posted in: the ones still queued when the term ends are
/// dropped (the next leader reconciles and reports again), so a replica that lost the lease writes nothing more.
/// </summary>
public sealed partial class EventSender
{
    /// <summary>How many Events may wait to be sent.</summary>
    public const int Capacity = 1024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<PendingEvent> pending = Channel.CreateBounded<PendingEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private static readonly TimeSpan FlushPoll = TimeSpan.FromMilliseconds(20);

    private readonly EventRecorder recorder;
    private readonly ILogger logger;
    private readonly Func<CancellationToken>? leadership;
    private int outstanding;

    /// <summary>Creates the queue in front of <paramref name="recorder"/>.</summary>
    /// <param name="recorder">Sends (or repeats) each Event.</param>
    /// <param name="logger">Logs dropped Events.</param>
    /// <param name="leadership">
    /// With leader election: the token of the current leadership term (cancelled when it ends, or already cancelled
    /// while not leading); an Event is sent only while the token of its posting is not cancelled. Null sends always.
    /// </param>
    public EventSender(EventRecorder recorder, ILogger logger, Func<CancellationToken>? leadership = null)
    {
        this.recorder = recorder;
        this.logger = logger;
        this.leadership = leadership;
    }

    /// <summary>Queues one Event on <paramref name="involved"/>; never waits.</summary>
    /// <param name="involved">The object (apiVersion, kind, metadata with namespace, name, uid).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="message">The message.</param>
    public void Post(JsonObject involved, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        Interlocked.Increment(ref outstanding);
        if (!pending.Writer.TryWrite(new PendingEvent(involved, type, reason, message, leadership?.Invoke() ?? CancellationToken.None)))
        {
            Interlocked.Decrement(ref outstanding);
            var metadata = involved["metadata"];
            ReconcilerLog.EventDropped(logger, metadata?["namespace"]?.GetValue<string>() ?? "", metadata?["name"]?.GetValue<string>() ?? "", reason, Capacity);
        }
    }

    /// <summary>
    /// Waits until every Event posted so far was sent or given up, within a short bound: a leader that stops
    /// gracefully flushes its Events while its term still lasts.
    /// </summary>
    /// <returns>A task that completes when flushed or out of time.</returns>
    public async Task FlushAsync()
    {
        var waited = TimeSpan.Zero;
        while (Volatile.Read(ref outstanding) > 0 && waited < DrainTimeout)
        {
            await Task.Delay(FlushPoll).ConfigureAwait(false);
            waited += FlushPoll;
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
                await SendAsync(e, stop).ConfigureAwait(false);
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
                await SendAsync(e, drain.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // Out of time: the rest is lost, as it would be on a crash.
        }
    }

    /// <summary>Sends one Event unless its leadership term ended (before or while it is sent).</summary>
    private async Task SendAsync(PendingEvent e, CancellationToken cancellationToken)
    {
        try
        {
            if (e.Term.IsCancellationRequested)
            {
                Dropped(e);
                return;
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, e.Term);
            try
            {
                await recorder.RecordAsync(e.Involved, e.Type, e.Reason, e.Message, either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The term ended while the Event was sent, or the write fence found its deadline passed before the
                // term's timer did: either way this Event belongs to a term that is over.
                Dropped(e);
            }
        }
        finally
        {
            Interlocked.Decrement(ref outstanding);
        }
    }

    private void Dropped(PendingEvent e) =>
        LeadershipEnded(logger, (string?)e.Involved["metadata"]?["namespace"] ?? "", (string?)e.Involved["metadata"]?["name"] ?? "", e.Reason);

    [LoggerMessage(EventId = 2090, Level = LogLevel.Information, Message = "Event {Reason} on {Namespace}/{Name} not sent: the leadership term it was posted in ended")]
    private static partial void LeadershipEnded(ILogger logger, string @namespace, string name, string reason);

    private sealed record PendingEvent(JsonObject Involved, string Type, string Reason, string Message, CancellationToken Term);
}
