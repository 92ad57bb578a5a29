using System.Net;

namespace Kueueleuleu.Registry.References;

/// <summary>
/// Facts about registry hosts (<c>host</c> or <c>host:port</c>, IPv6 in brackets): Docker Hub's names and which hosts
/// are reached over plain HTTP by default.
/// </summary>
public static class RegistryHost
{
    /// <summary>The registry of references without one, as Docker and the kubelet normalize them.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The host Docker Hub's distribution API is served from (<c>docker.io</c> itself serves no API).</summary>
    public const string DockerHubApi = "registry-1.docker.io";

    /// <summary>Docker Hub's legacy name, normalized to <see cref="DockerHub"/> in references.</summary>
    public const string DockerHubIndex = "index.docker.io";

    /// <summary>The host to send distribution API requests to for a registry.</summary>
    /// <param name="registry">The registry of a reference (<see cref="ImageReference.Registry"/>).</param>
    /// <returns>The API host (with port).</returns>
    public static string ApiHost(string registry) => registry == DockerHub ? DockerHubApi : registry;

    /// <summary>
    /// Whether a host is a loopback address (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>), with or without a port. Docker,
    /// containerd and podman reach such registries over plain HTTP without being told, since no one else can be listening
    /// there; this library does the same.
    /// </summary>
    /// <param name="host">The host, optionally with <c>:port</c>.</param>
    /// <returns><see langword="true"/> for a loopback host.</returns>
    public static bool IsLoopback(string host)
    {
        var name = HostName(host);
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host name without its port and without IPv6 brackets.</summary>
    /// <param name="host">The host, optionally with <c>:port</c>.</param>
    /// <returns>The name or address.</returns>
    public static string HostName(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? host[1..close] : host;
        }

        var colon = host.LastIndexOf(':');
        return colon >= 0 ? host[..colon] : host;
    }

    /// <summary>The port written in a host, or <see langword="null"/>.</summary>
    /// <param name="host">The host, optionally with <c>:port</c>.</param>
    /// <returns>The port text.</returns>
    public static string? Port(string host)
    {
        var afterAddress = host.StartsWith('[') ? host.IndexOf(']', StringComparison.Ordinal) + 1 : 0;
        var colon = host.IndexOf(':', afterAddress);
        return colon >= 0 ? host[(colon + 1)..] : null;
    }
}
