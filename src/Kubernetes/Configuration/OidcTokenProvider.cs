using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// The <c>id-token</c> of an <c>oidc</c> auth-provider, sent as a bearer token until its <c>exp</c> claim passes; then
/// every request fails with a <see cref="KubeconfigException"/> that says to log in again. It is never refreshed: that
/// needs the issuer's token endpoint and writing the new token back into the kubeconfig, which an operator's mounted,
/// read-only kubeconfig cannot take; an exec plugin (kubelogin) does both on its own.
/// </summary>
public sealed class OidcTokenProvider : ICredentialProvider
{
    private readonly KubernetesCredentials credentials;
    private readonly string source;
    private readonly TimeProvider time;

    /// <summary>Creates the provider.</summary>
    /// <param name="idToken">The ID token (a JWT).</param>
    /// <param name="source">The kubeconfig file and field, for messages.</param>
    /// <param name="clientCertificate">A client certificate to present as well, or null.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <exception cref="KubeconfigException">The token is not a JWT.</exception>
    public OidcTokenProvider(string idToken, string source, X509Certificate2? clientCertificate = null, TimeProvider? time = null)
    {
        credentials = new KubernetesCredentials(idToken, clientCertificate);
        this.source = source;
        this.time = time ?? TimeProvider.System;
        Expiration = ReadExpiration(idToken, source);
    }

    /// <summary>When the token expires (its <c>exp</c> claim); null when it has none.</summary>
    public DateTimeOffset? Expiration { get; }

    /// <inheritdoc/>
    public ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (Expiration is { } expiration && time.GetUtcNow() >= expiration)
        {
            throw new KubeconfigException(
                $"{source}: the OIDC id-token expired at {expiration.ToString("u", CultureInfo.InvariantCulture)} and is not refreshed here; "
                + "log in again with your OIDC tool, or use an exec plugin such as kubelogin (users[].user.exec), which refreshes it");
        }

        return ValueTask.FromResult(credentials);
    }

    /// <inheritdoc/>
    public bool Invalidate(KubernetesCredentials rejected) => false;

    private static DateTimeOffset? ReadExpiration(string token, string source)
    {
        var parts = token.Split('.');
        try
        {
            if (parts.Length != 3)
            {
                throw new FormatException("it does not have the three parts of a JWT");
            }

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.ValueKind == JsonValueKind.Object && claims.RootElement.TryGetProperty("exp", out var exp)
                ? DateTimeOffset.FromUnixTimeSeconds((long)exp.GetDouble())
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new KubeconfigException($"{source}: is not a JWT ({e.Message}); it must be the id_token your OIDC provider issued", e);
        }
    }
}
