using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// Reads <c>users[].user.auth-provider</c>. Only <c>oidc</c> is left in Kubernetes (gcp and azure were removed from
/// client-go in 1.26), and of it we use the <c>id-token</c> as it is, without refreshing it.
/// </summary>
internal static class AuthProviderCredentials
{
    public static ICredentialProvider Read(KubeconfigEntry user, JsonObject authProvider, X509Certificate2? certificate, TimeProvider? time)
    {
        var name = Text(authProvider["name"]);
        return name switch
        {
            "oidc" => ReadOidc(user, authProvider, certificate, time),
            "gcp" => throw user.Error("auth-provider.name", "'gcp' was removed from kubectl and client-go in Kubernetes 1.26; use the exec plugin gke-gcloud-auth-plugin (users[].user.exec) instead"),
            "azure" => throw user.Error("auth-provider.name", "'azure' was removed from kubectl and client-go in Kubernetes 1.26; use the exec plugin kubelogin (users[].user.exec) instead"),
            null or "" => throw user.Error("auth-provider.name", "is missing; only 'oidc' is supported (or use an exec plugin: users[].user.exec)"),
            _ => throw user.Error("auth-provider.name", $"'{name}' is not supported; only 'oidc' is (or use an exec plugin: users[].user.exec)"),
        };
    }

    private static OidcTokenProvider ReadOidc(KubeconfigEntry user, JsonObject authProvider, X509Certificate2? certificate, TimeProvider? time)
    {
        var config = authProvider["config"] as JsonObject;
        var token = Text(config?["id-token"]);
        var where = user.Where("auth-provider.config.id-token");
        if (string.IsNullOrEmpty(token))
        {
            throw new KubeconfigException($"{where}: is missing; log in with your OIDC tool to get one, or use an exec plugin such as kubelogin (users[].user.exec)");
        }

        return new OidcTokenProvider(token, where, certificate, time);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
