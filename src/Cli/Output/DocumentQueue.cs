using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Output;

/// <summary>
/// Writes documents on a second thread while the caller reads and converts the next ones: writing YAML was a third of
/// the time of <c>convert</c>, reading and converting the rest, so on two cores the two overlap. The writer takes every
/// waiting document at once and waits without spinning, so it costs little when it is ahead of the caller (it
/// usually is). At most <see cref="Capacity"/> documents wait and as many are being written, so memory stays bounded
/// by the largest documents, not by the input. Documents are written in the order they were added; a document must
/// not be touched by the caller once added. A failure of the write is thrown back to the caller at its next
/// <see cref="Add"/>, <see cref="Drain"/> or <see cref="Complete"/>.
/// </summary>
internal sealed class DocumentQueue : IDisposable
{
    /// <summary>How many documents may wait to be written.</summary>
    public const int Capacity = 32;

    // The writer is woken once this many documents wait (or on Drain and Complete), not for each one: each wake-up
    // costs both threads a context switch.
    private const int Batch = 8;

    private readonly Action<JsonNode> _write;
    private readonly Thread _writer;
    private readonly object _gate = new();
    private Queue<JsonNode> _waiting = new();
    private bool _writing;
    private bool _completed;
    private bool _draining;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts the writing thread; <paramref name="write"/> writes one document, on that thread.</summary>
    public DocumentQueue(Action<JsonNode> write)
    {
        _write = write;
        _writer = new Thread(WriteAll) { IsBackground = true, Name = "kueueleuleu output" };
        _writer.Start();
    }

    /// <summary>Queues <paramref name="document"/> to be written; blocks while the queue is full.</summary>
    public void Add(JsonNode document)
    {
        ThrowIfFailed();
        lock (_gate)
        {
            while (_waiting.Count >= Capacity)
            {
                Monitor.Wait(_gate);
            }

            _waiting.Enqueue(document);
            if (_waiting.Count == Batch)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Waits until every queued document is written, so the caller may write on its own thread.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            _draining = true;
            Monitor.PulseAll(_gate);
            while (_waiting.Count > 0 || _writing)
            {
                Monitor.Wait(_gate);
            }

            _draining = false;
        }

        ThrowIfFailed();
    }

    /// <summary>Writes what is queued and stops the thread.</summary>
    public void Complete()
    {
        Stop();
        ThrowIfFailed();
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void Stop()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        _writer.Join();
    }

    private void WriteAll()
    {
        var batch = new Queue<JsonNode>();
        while (TakeAll(ref batch))
        {
            foreach (var document in batch)
            {
                // After a failure the rest is only taken off the queue, so a caller blocked on a full queue goes on
                // and sees the failure.
                if (Volatile.Read(ref _failure) is null)
                {
                    Write(document);
                }
            }

            batch.Clear();
            lock (_gate)
            {
                _writing = false;
                Monitor.PulseAll(_gate);
            }
        }
    }

    // Swaps the waiting documents into batch; false once the queue is completed and empty.
    private bool TakeAll(ref Queue<JsonNode> batch)
    {
        lock (_gate)
        {
            while (_waiting.Count < Batch && !(_waiting.Count > 0 && (_completed || _draining)))
            {
                if (_completed)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            (batch, _waiting) = (_waiting, batch);
            _writing = true;
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    private void Write(JsonNode document)
    {
        try
        {
            _write(document);
        }
#pragma warning disable CA1031 // Any failure of the write is handed to the caller's thread, which decides.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e));
        }
    }

    private void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();
}
