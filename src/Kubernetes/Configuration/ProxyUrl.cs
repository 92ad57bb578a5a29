namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Reads and checks a cluster's <c>proxy-url</c>.</summary>
internal static class ProxyUrl
{
    /// <summary>The schemes client-go accepts, and which .NET's socket handler can speak.</summary>
    private static readonly string[] Schemes = ["http", "https", "socks5"];

    public static Uri? Read(KubeconfigEntry cluster)
    {
        var text = cluster.String("proxy-url");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw cluster.Error("proxy-url", $"'{Redacted(text)}' is not a URL; use http://host:port, https://host:port or socks5://host:port");
        }

        if (!Schemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            throw cluster.Error("proxy-url", $"the scheme '{uri.Scheme}' is not supported; use http, https or socks5 (as client-go does)");
        }

        return uri;
    }

    /// <summary>The URL without its password, for messages.</summary>
    private static string Redacted(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && scheme < at ? text[..(scheme + 3)] + "***@" + text[(at + 1)..] : text;
    }
}
