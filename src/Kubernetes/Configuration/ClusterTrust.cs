using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>The server URL, the TLS trust and the route (proxy) of a kubeconfig <c>clusters[].cluster</c> entry.</summary>
internal sealed record ClusterTrust(
    Uri Server,
    X509Certificate2Collection? CertificateAuthorities,
    bool SkipTlsVerify,
    string? CertificateAuthorityPem,
    string? TlsServerName,
    Uri? Proxy)
{
    public static ClusterTrust Read(KubeconfigEntry cluster)
    {
        var server = cluster.String("server");
        if (string.IsNullOrEmpty(server))
        {
            throw cluster.Error("server", "is missing; it must be the API server URL, e.g. https://host:6443");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw cluster.Error("server", $"'{server}' is not an http(s) URL");
        }

        var pem = ReadCaPem(cluster);
        var field = cluster.String("certificate-authority-data") is { Length: > 0 } ? "certificate-authority-data" : "certificate-authority";
        var cas = pem is null ? null : PemCredentials.LoadCertificates(pem, cluster.Where(field));
        var serverName = cluster.String("tls-server-name") is { Length: > 0 } name ? name : null;
        return new ClusterTrust(uri, cas, cluster.Bool("insecure-skip-tls-verify"), pem, serverName, ProxyUrl.Read(cluster));
    }

    /// <summary>The <c>spec.cluster</c> handed to exec plugins that ask for cluster info (client-go's field names).</summary>
    public JsonObject ToExecClusterInfo()
    {
        var info = new JsonObject { ["server"] = Server.ToString().TrimEnd('/'), ["insecure-skip-tls-verify"] = SkipTlsVerify };
        if (CertificateAuthorityPem is not null)
        {
            info["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificateAuthorityPem));
        }

        if (TlsServerName is not null)
        {
            info["tls-server-name"] = TlsServerName;
        }

        if (Proxy is not null)
        {
            info["proxy-url"] = Proxy.OriginalString;
        }

        return info;
    }

    private static string? ReadCaPem(KubeconfigEntry cluster)
    {
        // As in client-go, inline data wins over a file.
        return cluster.Base64Text("certificate-authority-data")
            ?? (cluster.FilePath("certificate-authority") is null ? null : cluster.ReadFile("certificate-authority"));
    }
}
