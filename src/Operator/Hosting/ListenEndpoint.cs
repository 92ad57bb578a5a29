using System.Globalization;
using System.Net;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Parses <c>host:port</c> listen addresses: an IP (IPv6 in brackets), <c>localhost</c>, or empty for every interface.</summary>
public static class ListenEndpoint
{
    /// <summary>Parses a listen address.</summary>
    /// <param name="text">E.g. <c>127.0.0.1:8080</c>, <c>0.0.0.0:8080</c>, <c>[::]:8080</c>, <c>:8080</c>, <c>localhost:0</c>.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string text, out IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        IPAddress? address = host switch
        {
            "" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
