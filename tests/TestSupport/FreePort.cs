using System.Net;
using System.Net.Sockets;

namespace Kueueleuleu.TestSupport;

/// <summary>A loopback port nothing listens on (bound once by the system's choice, then released).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
