using System.Runtime.CompilerServices;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>Reads a streaming HTTP response line by line until it ends, stays silent too long, or is cancelled.</summary>
internal static class LineStream
{
    /// <summary>The lines of <paramref name="response"/>, which this method disposes.</summary>
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
            while (await ReadLineAsync(reader, request, idleTimeout, cancellationToken) is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// One line within the idle bound. The bound starts anew for every line, after the consumer handled the previous
    /// one, so a slow consumer is never mistaken for a silent server. Cancelling the read closes the connection: a
    /// half-read HTTP/1.1 response cannot be reused.
    /// </summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, string request, TimeSpan? idleTimeout, CancellationToken cancellationToken)
    {
        if (idleTimeout is not { } bound)
        {
            return await reader.ReadLineAsync(cancellationToken);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(bound);
        try
        {
            return await reader.ReadLineAsync(idle.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchIdleException(request, bound);
        }
    }
}
