using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Output;

/// <summary>
/// Writes documents on a second thread while the caller reads and converts the next ones: writing YAML was a third of
/// the time of <c>convert</c>, reading and converting the rest, so on two cores the two overlap. The queue holds at most
/// <see cref="Capacity"/> documents, so memory stays bounded by the largest documents, not by the input. Documents are
/// written in the order they were added; a document must not be touched by the caller once added. A failure of the
/// write is thrown back to the caller at its next <see cref="Add"/>, <see cref="Drain"/> or <see cref="Complete"/>.
/// </summary>
internal sealed class DocumentQueue : IDisposable
{
    /// <summary>How many documents may wait to be written.</summary>
    public const int Capacity = 64;

    private readonly BlockingCollection<JsonNode> _documents = new(Capacity);
    private readonly Action<JsonNode> _write;
    private readonly Thread _writer;
    private readonly object _idle = new();
    private int _pending;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

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
        Interlocked.Increment(ref _pending);
        _documents.Add(document);
    }

    /// <summary>Waits until every queued document is written, so the caller may write on its own thread.</summary>
    public void Drain()
    {
        lock (_idle)
        {
            while (Volatile.Read(ref _pending) > 0)
            {
                Monitor.Wait(_idle);
            }
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
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop();
        _documents.Dispose();
    }

    private void Stop()
    {
        if (!_documents.IsAddingCompleted)
        {
            _documents.CompleteAdding();
        }

        _writer.Join();
    }

    private void WriteAll()
    {
        foreach (var document in _documents.GetConsumingEnumerable())
        {
            // After a failure the rest is only taken off the queue, so a caller blocked on a full queue goes on and
            // sees the failure.
            if (_failure is null)
            {
                try
                {
                    _write(document);
                }
#pragma warning disable CA1031 // Any failure of the write is handed to the caller's thread, which decides.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
            }

            lock (_idle)
            {
                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    Monitor.PulseAll(_idle);
                }
            }
        }
    }

    private void ThrowIfFailed() => _failure?.Throw();
}
