using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Output;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>The second thread that writes converted documents: order, hand-over of a List, and failures.</summary>
public class DocumentQueueTests
{
    [Fact]
    public void WritesEveryDocumentInTheOrderAdded()
    {
        var written = new List<int>();
        using (var queue = new DocumentQueue(document => written.Add(document.GetValue<int>())))
        {
            for (var i = 0; i < 10 * DocumentQueue.Capacity; i++)
            {
                queue.Add(JsonValue.Create(i));
            }

            queue.Complete();
        }

        Assert.Equal(Enumerable.Range(0, 10 * DocumentQueue.Capacity), written);
    }

    [Fact]
    public void DrainReturnsOnlyOnceEveryQueuedDocumentIsWritten()
    {
        var written = 0;
        using var queue = new DocumentQueue(_ =>
        {
            Thread.Sleep(1);
            Interlocked.Increment(ref written);
        });
        for (var i = 0; i < 20; i++)
        {
            queue.Add(JsonValue.Create(i));
        }

        queue.Drain();

        Assert.Equal(20, Volatile.Read(ref written));
    }

    [Fact]
    public void AFailedWriteIsThrownToTheCallerAndDoesNotBlockIt()
    {
        using var queue = new DocumentQueue(_ => throw new OutputSpoolException("disk full"));

        // More documents than the queue holds: after the failure the thread keeps taking them off, so Add never blocks
        // for good and the failure comes back.
        var failure = Assert.Throws<OutputSpoolException>(() =>
        {
            for (var i = 0; i < 100 * DocumentQueue.Capacity; i++)
            {
                queue.Add(JsonValue.Create(i));
            }

            queue.Complete();
        });
        Assert.Equal("disk full", failure.Message);
    }
}
