using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kueueleuleu.TestSupport;

/// <summary>
/// A byte-level TCP relay in front of the API server (TLS passes through untouched, so the client still verifies the
/// real server and presents its own credentials) that fails connections the way networks do:
/// <list type="bullet">
/// <item><see cref="BlackholeEstablished"/>: every open connection goes silent in both directions without closing (a
/// load balancer or NAT that dropped the flow and answers nothing); new connections are relayed normally.</item>
/// <item><see cref="BlackholeAll"/>: the same, and new connections are accepted and then left silent too (a peer cut
/// off behind a middlebox that still completes TCP handshakes).</item>
/// <item><see cref="ResetEstablished"/>: every open connection is reset (RST) on both sides.</item>
/// <item><see cref="Heal"/>: new connections are relayed again; silent ones are reset, as a middlebox that lost their
/// state answers their next packet.</item>
/// </list>
/// Silent connections swallow what either side sends (read and discarded), so nothing is delivered late.
/// </summary>
public sealed class BlackholeRelay : IAsyncDisposable
{
    private readonly IPEndPoint upstream;
    private readonly ConcurrentDictionary<Link, byte> links = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TcpListener listener;
    private readonly Task acceptLoop;
    private volatile bool blackholeNew;

    /// <summary>Starts relaying to <paramref name="server"/> (an https URL with an IP host).</summary>
    /// <param name="server">The API server.</param>
    public BlackholeRelay(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        upstream = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
        // The server's own address: its certificate names it (IP SAN), so TLS verification passes through the relay.
        listener = new TcpListener(new IPEndPoint(upstream.Address, 0));
        listener.Start();
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        acceptLoop = AcceptAsync();
    }

    /// <summary>Where the relay listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The relay as an API server URL.</summary>
    public Uri Url => new($"https://{Endpoint.Address}:{Endpoint.Port}");

    /// <summary>How many connections the relay accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Open connections currently relayed normally.</summary>
    public int Forwarding => links.Keys.Count(l => !l.Silent);

    /// <summary>Open connections currently silent.</summary>
    public int Silent => links.Keys.Count(l => l.Silent);

    /// <summary>Every open connection stops forwarding in both directions, without closing.</summary>
    public void BlackholeEstablished()
    {
        foreach (var link in links.Keys)
        {
            link.Silent = true;
        }
    }

    /// <summary>Every open and every new connection stays silent until <see cref="Heal"/>.</summary>
    public void BlackholeAll()
    {
        blackholeNew = true;
        BlackholeEstablished();
    }

    /// <summary>Resets every open connection on both sides.</summary>
    public void ResetEstablished()
    {
        foreach (var link in links.Keys)
        {
            link.Reset();
        }
    }

    /// <summary>New connections are relayed again; the silent ones are reset.</summary>
    public void Heal()
    {
        blackholeNew = false;
        foreach (var link in links.Keys.Where(l => l.Silent))
        {
            link.Reset();
        }
    }

    /// <summary>Stops listening and closes every connection.</summary>
    /// <returns>A task that completes when the relay stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var link in links.Keys)
        {
            link.Reset();
        }

        await acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            Accepted++;
            _ = RelayAsync(new Link(client, new Socket(SocketType.Stream, ProtocolType.Tcp)) { Silent = blackholeNew });
        }
    }

    private async Task RelayAsync(Link link)
    {
        links[link] = 0;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, link.Closed);
        try
        {
            if (!link.Silent)
            {
                await link.Server.ConnectAsync(upstream, ends.Token);
            }

            // A connection accepted while everything is silent never reaches the server: only its client side is read.
            var fromServer = link.Server.Connected ? PumpAsync(link, link.Server, link.Client, ends.Token) : Task.Delay(Timeout.Infinite, ends.Token);
            await Task.WhenAny(PumpAsync(link, link.Client, link.Server, ends.Token), fromServer);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A reset or a closed peer ends the relay of this connection.
        }
        finally
        {
            links.TryRemove(link, out _);
            link.Close();
            link.Dispose();
        }
    }

    private static async Task PumpAsync(Link link, Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    if (link.Silent)
                    {
                        // A silent middlebox does not pass a close on either: the other side keeps waiting.
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }

                    return;
                }

                if (!link.Silent)
                {
                    await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset or closed.
        }
    }

    private sealed class Link(Socket client, Socket server) : IDisposable
    {
        private readonly CancellationTokenSource closed = new();
        private volatile bool silent;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        /// <summary>Cancelled once the link was reset or closed.</summary>
        public CancellationToken Closed => closed.Token;

        public bool Silent
        {
            get => silent;
            set => silent = value;
        }

        public void Reset()
        {
            foreach (var socket in new[] { Client, Server })
            {
                try
                {
                    // Linger 0: close sends RST instead of FIN.
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Already closed.
                }

                socket.Close();
            }

            Cancel();
        }

        public void Close()
        {
            Client.Close();
            Server.Close();
            Cancel();
        }

        public void Dispose() => closed.Dispose();

        private void Cancel()
        {
            try
            {
                closed.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Closed twice.
            }
        }
    }
}
