namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Credentials that never change: a fixed token and/or client certificate.</summary>
/// <param name="credentials">The credentials.</param>
public sealed class StaticCredentialProvider(KubernetesCredentials credentials) : ICredentialProvider
{
    /// <inheritdoc/>
    public ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);

    /// <inheritdoc/>
    public bool Invalidate(KubernetesCredentials rejected) => false;
}
