namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// Supplies the credentials of each request. Implementations cache what they can and refresh on their own
/// schedule (token files are re-read, exec plugins re-run when their credential expires).
/// </summary>
public interface ICredentialProvider
{
    /// <summary>Returns the credentials to use now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials.</returns>
    ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after the server answered 401 with <paramref name="rejected"/>: drops the cached credentials
    /// so the next <see cref="GetCredentialsAsync"/> fetches fresh ones.
    /// </summary>
    /// <param name="rejected">The credentials the server rejected.</param>
    /// <returns>True when fresh credentials may differ, so one retry is worth it.</returns>
    bool Invalidate(KubernetesCredentials rejected);
}
