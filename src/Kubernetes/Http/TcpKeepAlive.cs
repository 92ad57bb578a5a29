using System.Net.Sockets;

namespace Kueueleuleu.Kubernetes.Http;

/// <summary>
/// TCP keepalive on every connection to the API server. The probes keep the connection's entry alive in NATs and load
/// balancers that forget idle flows (often after 4-6 minutes), and make the kernel fail a connection whose peer
/// vanished without a reset in about <see cref="Idle"/> + <see cref="Interval"/> x <see cref="Probes"/>. They cannot
/// see a middlebox that answers them itself while forwarding nothing: the watch's idle bound covers that.
/// </summary>
internal static class TcpKeepAlive
{
    /// <summary>Silence before the first probe.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    /// <summary>The pause between unanswered probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Unanswered probes before the connection fails.</summary>
    public const int Probes = 3;

    /// <summary>Connects a socket with keepalive on, for <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    /// <param name="context">The endpoint to reach.</param>
    /// <param name="cancellationToken">Cancels the connect (the handler's connect timeout included).</param>
    /// <returns>The connected stream, owning the socket.</returns>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Idle.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)Interval.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Probes);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
