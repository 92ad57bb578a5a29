using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>What a request presents to the API server: a bearer token, a TLS client certificate, or both.</summary>
/// <param name="BearerToken">The token for the <c>Authorization: Bearer</c> header, or null.</param>
/// <param name="ClientCertificate">The TLS client certificate with its private key, or null.</param>
public sealed record KubernetesCredentials(string? BearerToken, X509Certificate2? ClientCertificate)
{
    /// <summary>No credentials (anonymous).</summary>
    public static KubernetesCredentials None { get; } = new(null, null);
}
