using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// The token request a Bearer challenge asks for (the distribution token specification): GET the realm with the
/// challenge's <c>service</c> and one <c>scope</c> parameter per scope. The challenge's own scope is used when it gives
/// one (it names what the registry will check); otherwise pull access to the repository is asked for.
/// </summary>
public static class BearerTokenRequest
{
    /// <summary>The token URL for a Bearer challenge.</summary>
    /// <param name="challenge">The challenge (scheme Bearer).</param>
    /// <param name="repository">The repository being read, for the default scope.</param>
    /// <param name="url">The URL to GET, when the challenge is usable.</param>
    /// <param name="error">Why it is not (no realm, or a realm that is not an absolute http(s) URL).</param>
    /// <returns>Whether a token can be requested.</returns>
    public static bool TryCreate(AuthenticationChallenge challenge, string repository, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        var realm = challenge["realm"];
        if (string.IsNullOrEmpty(realm))
        {
            error = "its Bearer challenge has no realm (the token service's URL)";
            return false;
        }

        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUrl) || realmUrl.Scheme is not ("https" or "http"))
        {
            error = $"its Bearer challenge's realm \"{realm}\" is not an http(s) URL";
            return false;
        }

        var query = new List<string>();
        if (challenge["service"] is { Length: > 0 } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        var scopes = (challenge["scope"] ?? $"repository:{repository}:pull").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));

        var builder = new UriBuilder(realmUrl);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', new[] { existing }.Where(part => part.Length > 0).Concat(query));
        url = builder.Uri;
        error = null;
        return true;
    }
}
