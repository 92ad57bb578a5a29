using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// A bearer token read from a file and re-read every <c>refreshInterval</c> (and after a 401), because
/// projected service-account tokens are rotated in place by the kubelet.
/// </summary>
public sealed class TokenFileCredentialProvider : ICredentialProvider
{
    private readonly string path;
    private readonly TimeSpan refreshInterval;
    private readonly X509Certificate2? clientCertificate;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private KubernetesCredentials? cached;
    private DateTimeOffset readAt;

    /// <summary>Creates the provider; the file is read on first use.</summary>
    /// <param name="path">The token file.</param>
    /// <param name="refreshInterval">How long a read token is used before the file is read again.</param>
    /// <param name="clientCertificate">A client certificate to present as well, or null.</param>
    /// <param name="time">The clock (tests pass a fake one); null for the system clock.</param>
    public TokenFileCredentialProvider(string path, TimeSpan refreshInterval, X509Certificate2? clientCertificate = null, TimeProvider? time = null)
    {
        this.path = path;
        this.refreshInterval = refreshInterval;
        this.clientCertificate = clientCertificate;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The token file.</summary>
    public string Path => path;

    /// <inheritdoc/>
    public ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (cached is null || now - readAt >= refreshInterval)
            {
                cached = new KubernetesCredentials(ReadToken(), clientCertificate);
                readAt = now;
            }

            return ValueTask.FromResult(cached);
        }
    }

    /// <inheritdoc/>
    public bool Invalidate(KubernetesCredentials rejected)
    {
        lock (gate)
        {
            if (!ReferenceEquals(cached, rejected))
            {
                // Someone already refreshed since this request started: try what we have now.
                return true;
            }

            var changed = ReadToken() != rejected.BearerToken;
            cached = null;
            return changed;
        }
    }

    private string ReadToken()
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{path}: the token file could not be read: {e.Message}", e);
        }
    }
}
