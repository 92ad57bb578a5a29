using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// A byte-level TCP relay in front of the API server (TLS passes through untouched, so the client still
/// verifies the real server). <see cref="Cut"/> drops every connection and refuses new ones until
/// <see cref="Resume"/>: a network outage on demand.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint upstream;
    private readonly ConcurrentDictionary<Socket, byte> sockets = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task acceptLoop = Task.CompletedTask;

    public TcpRelay(Uri server)
    {
        upstream = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
        // Listen on the server's own address so its certificate (IP SAN) matches.
        Endpoint = new IPEndPoint(upstream.Address, 0);
        Start();
    }

    public IPEndPoint Endpoint { get; private set; }

    public Uri Url => new($"https://{Endpoint.Address}:{Endpoint.Port}");

    public void Cut()
    {
        listener?.Stop();
        listener = null;
        foreach (var socket in sockets.Keys)
        {
            socket.Close();
        }
    }

    public void Resume() => Start();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        Cut();
        await acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private void Start()
    {
        var next = new TcpListener(Endpoint);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        Endpoint = (IPEndPoint)next.LocalEndpoint;
        listener = next;
        acceptLoop = AcceptAsync(next);
    }

    private async Task AcceptAsync(TcpListener current)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await current.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        sockets[client] = 0;
        sockets[server] = 0;
        try
        {
            await server.ConnectAsync(upstream, stopping.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut or a closed peer ends the relay of this connection.
        }
        finally
        {
            sockets.TryRemove(client, out _);
            sockets.TryRemove(server, out _);
            client.Close();
            server.Close();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
                if (n == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, stopping.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
