using System.Text;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>Reading an HTTP head byte by byte (so nothing after it is consumed) and relaying two streams.</summary>
public static class RelayStreams
{
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("the connection closed before the end of the HTTP head");
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    public static async Task RelayAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        var one = a.CopyToAsync(b, cancellationToken);
        var other = b.CopyToAsync(a, cancellationToken);
        await Task.WhenAny(one, other);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
