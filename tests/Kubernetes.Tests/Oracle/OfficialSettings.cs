using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Official = k8s;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// The official client's <see cref="ConnectionSettings"/>, from the <c>KubernetesClientConfiguration</c> that
/// <c>BuildConfigFromConfigFile</c> / <c>InClusterConfig</c> produce. It has no proxy setting: it always reports none.
/// </summary>
public static class OfficialSettings
{
    public static Official.KubernetesClientConfiguration Build(string file, string? context = null) =>
        Official.KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);

    /// <summary>Several files merged as the official client merges a <c>KUBECONFIG</c> list (its loader for that is internal).</summary>
    public static Official.KubernetesClientConfiguration BuildMerged(IReadOnlyList<string> files, string? context = null)
    {
        var load = typeof(Official.KubernetesClientConfiguration).GetMethod(
            "LoadKubeConfig", BindingFlags.NonPublic | BindingFlags.Static, [typeof(FileInfo[]), typeof(bool)])
            ?? throw new InvalidOperationException("KubernetesClient changed: LoadKubeConfig(FileInfo[], bool) is gone");
        var merged = (Official.KubeConfigModels.K8SConfiguration)load.Invoke(null, [files.Select(f => new FileInfo(f)).ToArray(), true])!;
        return Official.KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
    }

    public static Task<ConnectionSettings> LoadAsync(string file, string? context = null) => OfAsync(Build(file, context));

    public static async Task<ConnectionSettings> OfAsync(Official.KubernetesClientConfiguration configuration)
    {
        return new ConnectionSettings(
            new Uri(configuration.Host).ToString().TrimEnd('/'),
            configuration.TlsServerName,
            ConnectionSettings.TrustOf(configuration.SkipTlsVerify, configuration.SslCaCerts?.Select(c => c.Subject)),
            ClientCertificateSubject(configuration),
            await AuthorizationAsync(configuration),
            null,
            configuration.Namespace);
    }

    private static async Task<string?> AuthorizationAsync(Official.KubernetesClientConfiguration configuration)
    {
        // The order in which the official client picks its credentials: token provider, token, basic.
        if (configuration.TokenProvider is { } provider)
        {
            return (await provider.GetAuthenticationHeaderAsync(default)).ToString();
        }

        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            return "Bearer " + configuration.AccessToken;
        }

        return string.IsNullOrEmpty(configuration.Username) ? null : ConnectionSettings.BasicAuthorization(configuration.Username, configuration.Password);
    }

    private static string? ClientCertificateSubject(Official.KubernetesClientConfiguration configuration)
    {
        var pem = configuration.ClientCertificateData is { Length: > 0 } data
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : configuration.ClientCertificateFilePath is { Length: > 0 } path ? File.ReadAllText(path) : null;
        if (pem is null)
        {
            return null;
        }

        using var certificate = X509Certificate2.CreateFromPem(pem);
        return certificate.Subject;
    }
}
