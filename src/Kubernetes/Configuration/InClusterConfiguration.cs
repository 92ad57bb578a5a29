namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Builds the configuration of a process running in a Pod from its service account.</summary>
public static class InClusterConfiguration
{
    /// <summary>Whether the process seems to run in a Pod (the service variables are set).</summary>
    /// <returns>True when <c>KUBERNETES_SERVICE_HOST</c> and <c>_PORT</c> are set.</returns>
    public static bool IsAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"));

    /// <summary>Loads the in-cluster configuration.</summary>
    /// <param name="options">Overrides for tests; null for the Pod defaults.</param>
    /// <returns>The configuration; its token is re-read from the file periodically.</returns>
    /// <exception cref="KubeconfigException">A variable or file is missing.</exception>
    public static KubernetesClientConfiguration Load(InClusterOptions? options = null)
    {
        options ??= new InClusterOptions();
        var host = options.Host ?? Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = options.Port ?? Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException("in-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (is this process running in a Pod?)");
        }

        var tokenPath = Path.Combine(options.Root, "token");
        if (!File.Exists(tokenPath))
        {
            throw new KubeconfigException($"{tokenPath}: the service-account token is missing; is automountServiceAccountToken disabled?");
        }

        var caPath = Path.Combine(options.Root, "ca.crt");
        return new KubernetesClientConfiguration
        {
            Server = new Uri($"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"),
            CertificateAuthorities = PemCredentials.LoadCertificates(ReadFile(caPath), caPath),
            Credentials = new TokenFileCredentialProvider(tokenPath, options.TokenRefreshInterval, time: options.Time),
            Namespace = ReadNamespace(Path.Combine(options.Root, "namespace")),
            Source = $"in-cluster service account ({options.Root})",
        };
    }

    private static string ReadNamespace(string path) =>
        File.Exists(path) && ReadFile(path).Trim() is { Length: > 0 } ns ? ns : "default";

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{path}: could not be read: {e.Message}", e);
        }
    }
}
