using System.Runtime.CompilerServices;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>Reads a streaming HTTP response line by line until it ends or is cancelled.</summary>
internal static class LineStream
{
    public static async IAsyncEnumerable<string> ReadLinesAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                yield return line;
            }
        }
    }
}
