using Kueueleuleu.Kubernetes.Configuration;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>Our client's <see cref="ConnectionSettings"/>: from the resolved configuration and its credentials.</summary>
public static class OurSettings
{
    public static Task<ConnectionSettings> LoadAsync(string file, string? context = null) =>
        LoadAsync([file], context);

    public static Task<ConnectionSettings> LoadAsync(IReadOnlyList<string> files, string? context = null) =>
        OfAsync(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = files, Context = context }));

    public static async Task<ConnectionSettings> OfAsync(KubernetesClientConfiguration configuration)
    {
        var credentials = await configuration.Credentials.GetCredentialsAsync(default);
        return new ConnectionSettings(
            configuration.Server.ToString().TrimEnd('/'),
            configuration.TlsServerName,
            ConnectionSettings.TrustOf(configuration.SkipTlsVerify, configuration.CertificateAuthorities?.Select(c => c.Subject)),
            credentials.ClientCertificate?.Subject,
            credentials.BearerToken is { } token ? "Bearer " + token : null,
            configuration.Proxy?.OriginalString,
            configuration.Namespace);
    }
}
