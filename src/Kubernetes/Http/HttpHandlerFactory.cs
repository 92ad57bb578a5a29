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
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = false,
            ConnectCallback = TcpKeepAlive.ConnectAsync,
            SslOptions = CreateSslOptions(configuration, clientCertificate),
        };
        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(KubernetesClientConfiguration configuration, X509Certificate2? clientCertificate)
    {
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
