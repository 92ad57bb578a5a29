using System.Net;
using System.Net.Sockets;

namespace Kueueleuleu.TestSupport;

/// <summary>A loopback port that accepts connections and never answers: a registry that hangs.</summary>
public sealed class SilentListener : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private readonly Task accepting;

    public SilentListener()
    {
        listener.Start();
        Host = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    public string Host { get; }

    /// <summary>How many connections were accepted (and left unanswered) so far.</summary>
    public int Accepted
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            lock (held)
            {
                held.Add(client);
            }
        }
    }
}
