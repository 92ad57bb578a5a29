using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// Where the API server is and how to trust and authenticate to it. Build one with
/// <see cref="KubeconfigLoader"/> or <see cref="InClusterConfiguration"/>, or by hand.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    /// <summary>The API server's base URL, e.g. <c>https://198.18.1.1:6443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>
    /// The CAs that sign the server's certificate. Null means the system trust store. When set, only these
    /// roots are trusted.
    /// </summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Whether to accept any server certificate (<c>insecure-skip-tls-verify</c>). Only for tests.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>
    /// The name sent in TLS SNI and checked against the server's certificate instead of the host of <see cref="Server"/>
    /// (<c>tls-server-name</c>); null uses the host of <see cref="Server"/>.
    /// </summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// The proxy every connection goes through (<c>proxy-url</c>: <c>http</c>, <c>https</c> or <c>socks5</c>, with
    /// optional <c>user:password@</c>); null connects directly. Proxy environment variables are not read.
    /// </summary>
    public Uri? Proxy { get; init; }

    /// <summary>The credentials of each request.</summary>
    public ICredentialProvider Credentials { get; init; } = new StaticCredentialProvider(KubernetesCredentials.None);

    /// <summary>The namespace of the context (or of the service account in-cluster); <c>default</c> when unset.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Where this configuration came from (kubeconfig file and context, or in-cluster), for messages.</summary>
    public string Source { get; init; } = "explicit configuration";
}
