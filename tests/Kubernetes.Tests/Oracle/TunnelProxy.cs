using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// A loopback proxy that speaks HTTP CONNECT (optionally demanding Basic credentials) or SOCKS5 without
/// authentication, records the target each client asked for, and tunnels every connection to one upstream port,
/// whatever the target: so a server name only the proxy could resolve still arrives.
/// </summary>
public sealed class TunnelProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly int upstreamPort;
    private readonly bool socks;
    private readonly string? requiredAuthorization;
    private readonly Task accepting;

    private TunnelProxy(int upstreamPort, bool socks, string? requiredAuthorization)
    {
        this.upstreamPort = upstreamPort;
        this.socks = socks;
        this.requiredAuthorization = requiredAuthorization;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The targets asked for: <c>host:port</c>.</summary>
    public ConcurrentQueue<string> Targets { get; } = new();

    /// <summary>The Proxy-Authorization headers of HTTP CONNECT requests (null when absent).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public static TunnelProxy Http(int upstreamPort, string? requiredAuthorization = null) => new(upstreamPort, false, requiredAuthorization);

    public static TunnelProxy Socks5(int upstreamPort) => new(upstreamPort, true, null);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            if (!(socks ? await Socks5HandshakeAsync(stream) : await ConnectHandshakeAsync(stream)))
            {
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stop.Token);
            await (socks
                ? stream.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, stop.Token)
                : stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stop.Token));
            await RelayStreams.RelayAsync(stream, upstream.GetStream(), stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client or the upstream went away.
        }
    }

    private async Task<bool> ConnectHandshakeAsync(NetworkStream stream)
    {
        var lines = (await RelayStreams.ReadHeadAsync(stream, stop.Token)).Split("\r\n");
        var authorization = lines.FirstOrDefault(l => l.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))?["Proxy-Authorization:".Length..].Trim();
        Authorizations.Enqueue(authorization);
        Targets.Enqueue(lines[0].Split(' ')[1]);
        if (requiredAuthorization is not null && authorization != requiredAuthorization)
        {
            await stream.WriteAsync("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corpus\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
            return false;
        }

        return true;
    }

    private async Task<bool> Socks5HandshakeAsync(NetworkStream stream)
    {
        var greeting = await ReadExactlyAsync(stream, 2);
        await ReadExactlyAsync(stream, greeting[1]);
        await stream.WriteAsync(new byte[] { 5, 0 }, stop.Token);
        var request = await ReadExactlyAsync(stream, 4);
        var host = request[3] switch
        {
            1 => new IPAddress(await ReadExactlyAsync(stream, 4)).ToString(),
            3 => Encoding.ASCII.GetString(await ReadExactlyAsync(stream, (await ReadExactlyAsync(stream, 1))[0])),
            4 => "[" + new IPAddress(await ReadExactlyAsync(stream, 16)) + "]",
            _ => throw new IOException("unknown SOCKS5 address type"),
        };
        var port = await ReadExactlyAsync(stream, 2);
        Targets.Enqueue($"{host}:{(port[0] << 8) | port[1]}");
        return true;
    }

    private async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, stop.Token);
        return buffer;
    }
}
