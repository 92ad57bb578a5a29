using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kueueleuleu.Kubernetes.Configuration;

namespace Kueueleuleu.Kubernetes.Http;

/// <summary>Creates the socket handler for a configuration and one client certificate.</summary>
internal static class HttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration configuration, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Watches are long-lived; pooled connections are refreshed so a moved endpoint is picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            // Only the kubeconfig's proxy-url: the proxy variables of the environment are meant for outbound traffic,
            // and an in-cluster API server reached through them would be a surprise (see docs/kubernetes-client.md).
            UseProxy = configuration.Proxy is not null,
            Proxy = configuration.Proxy is { } proxy ? CreateProxy(proxy) : null,
            // With a proxy this connects to the proxy, so the keepalive covers the connection we actually hold.
            ConnectCallback = TcpKeepAlive.ConnectAsync,
            SslOptions = CreateSslOptions(configuration, clientCertificate),
        };
        return handler;
    }

    private static WebProxy CreateProxy(Uri proxy)
    {
        var result = new WebProxy(new UriBuilder(proxy) { UserName = "", Password = "" }.Uri);
        if (proxy.UserInfo.Length > 0)
        {
            var parts = proxy.UserInfo.Split(':', 2);
            result.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }

        return result;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(KubernetesClientConfiguration configuration, X509Certificate2? clientCertificate)
    {
        // tls-server-name is applied per request (KubernetesTransport sets the Host header, which the handler uses for
        // SNI and the name check); the handler ignores a TargetHost set here.
        var options = new SslClientAuthenticationOptions();
        if (clientCertificate is not null)
        {
            options.ClientCertificates = [clientCertificate];
        }

        if (configuration.SkipTlsVerify)
        {
            // Accept whatever the server presents: the configuration explicitly asked for no verification.
            options.RemoteCertificateValidationCallback = (_, _, _, errors) => configuration.SkipTlsVerify || errors == SslPolicyErrors.None;
        }
        else if (configuration.CertificateAuthorities is { } roots)
        {
            // Trust exactly the configured CAs (not the system store); host name checks still apply.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }
}
