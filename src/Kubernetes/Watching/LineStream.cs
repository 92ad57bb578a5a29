using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>Reads a streaming HTTP response line by line until it ends, stays silent too long, or is cancelled.</summary>
internal static class LineStream
{
    /// <summary>The lines of <paramref name="response"/> as text, which this method disposes.</summary>
    /// <param name="response">A streaming response.</param>
    /// <param name="request">The verb and path, for the idle failure's message.</param>
    /// <param name="idleTimeout">The longest wait for the next line; null waits forever.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The lines, without terminators.</returns>
    /// <exception cref="WatchIdleException">No line and no end arrived within <paramref name="idleTimeout"/>.</exception>
    public static async IAsyncEnumerable<string> ReadLinesAsync(
        HttpResponseMessage response, string request, TimeSpan? idleTimeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            while (await WithinIdleBound(token => reader.ReadLineAsync(token).AsTask(), request, idleTimeout, cancellationToken) is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// The <c>\n</c>-terminated lines of <paramref name="response"/>, each handed to <paramref name="parse"/> as the UTF-8
    /// bytes it arrived as; disposes the response. A line of a megabyte (a watch event of a large object) is never turned
    /// into a UTF-16 string: that copy, twice the size, and the builder behind it were most of what such an event cost.
    /// </summary>
    /// <typeparam name="T">What a line is parsed into; it must not keep the bytes it was given.</typeparam>
    /// <param name="response">A streaming response.</param>
    /// <param name="request">The verb and path, for the idle failure's message.</param>
    /// <param name="idleTimeout">The longest wait for the next line; null waits forever.</param>
    /// <param name="parse">Reads one non-empty line (without its terminator; a trailing <c>\r</c> is dropped too).</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The parsed lines.</returns>
    /// <exception cref="WatchIdleException">No byte and no end arrived within <paramref name="idleTimeout"/>.</exception>
    public static async IAsyncEnumerable<T> ReadUtf8LinesAsync<T>(
        HttpResponseMessage response, string request, TimeSpan? idleTimeout, Func<ReadOnlySequence<byte>, T> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            try
            {
                while (true)
                {
                    var result = await WithinIdleBound(token => reader.ReadAsync(token).AsTask(), request, idleTimeout, cancellationToken);
                    var buffer = result.Buffer;
                    while (TakeLine(ref buffer, result.IsCompleted) is { } line)
                    {
                        if (!line.IsEmpty)
                        {
                            yield return parse(line);
                        }
                    }

                    if (result.IsCompleted)
                    {
                        yield break;
                    }

                    // What was parsed is released; the start of an unfinished line stays, and the next read adds to it.
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
            finally
            {
                await reader.CompleteAsync();
            }
        }
    }

    /// <summary>The next complete line of <paramref name="buffer"/>, which is moved past it; at the end, the rest.</summary>
    private static ReadOnlySequence<byte>? TakeLine(ref ReadOnlySequence<byte> buffer, bool atEnd)
    {
        if (buffer.PositionOf((byte)'\n') is { } newline)
        {
            var line = buffer.Slice(0, newline);
            buffer = buffer.Slice(buffer.GetPosition(1, newline));
            return WithoutCarriageReturn(line);
        }

        if (atEnd && !buffer.IsEmpty)
        {
            var rest = buffer;
            buffer = buffer.Slice(buffer.End);
            return WithoutCarriageReturn(rest);
        }

        return null;
    }

    private static ReadOnlySequence<byte> WithoutCarriageReturn(ReadOnlySequence<byte> line) =>
        !line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;

    /// <summary>
    /// One read within the idle bound. The bound starts anew for every read, after the consumer handled the previous
    /// one, so a slow consumer is never mistaken for a silent server. Cancelling the read closes the connection: a
    /// half-read HTTP/1.1 response cannot be reused.
    /// </summary>
    private static async Task<TResult> WithinIdleBound<TResult>(
        Func<CancellationToken, Task<TResult>> read, string request, TimeSpan? idleTimeout, CancellationToken cancellationToken)
    {
        if (idleTimeout is not { } bound)
        {
            return await read(cancellationToken);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(bound);
        try
        {
            return await read(idle.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchIdleException(request, bound);
        }
    }
}
