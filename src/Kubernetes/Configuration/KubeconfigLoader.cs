namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Loads a <see cref="KubernetesClientConfiguration"/> from kubeconfig files as kubectl does.</summary>
public static class KubeconfigLoader
{
    /// <summary>Loads the configuration of a context.</summary>
    /// <param name="options">Files and context; null for the defaults.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="KubeconfigException">A file is missing or wrong; the message names the file and the field.</exception>
    public static KubernetesClientConfiguration Load(KubeconfigLoadOptions? options = null)
    {
        options ??= new KubeconfigLoadOptions();
        var paths = options.Paths ?? DefaultPaths(Environment.GetEnvironmentVariable("KUBECONFIG"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var merged = MergedKubeconfig.Merge(LoadDocuments(paths));
        return Build(merged, options);
    }

    /// <summary>Loads the configuration of a context from kubeconfig text (tests and embedded configs).</summary>
    /// <param name="path">The name to use in messages and the base for relative paths.</param>
    /// <param name="yaml">The kubeconfig.</param>
    /// <param name="options">The context and refresh settings; <see cref="KubeconfigLoadOptions.Paths"/> is ignored.</param>
    /// <returns>The configuration.</returns>
    public static KubernetesClientConfiguration LoadFromText(string path, string yaml, KubeconfigLoadOptions? options = null) =>
        Build(MergedKubeconfig.Merge([KubeconfigDocument.Parse(Path.GetFullPath(path), yaml)]), options ?? new KubeconfigLoadOptions());

    /// <summary>The files kubectl would read: the <c>KUBECONFIG</c> list without empty or repeated entries, else <c>~/.kube/config</c>.</summary>
    /// <param name="kubeconfigVariable">The value of <c>KUBECONFIG</c>, or null.</param>
    /// <param name="homeDirectory">The user's home directory.</param>
    /// <returns>The paths in priority order.</returns>
    public static IReadOnlyList<string> DefaultPaths(string? kubeconfigVariable, string homeDirectory)
    {
        if (string.IsNullOrEmpty(kubeconfigVariable))
        {
            return [Path.Combine(homeDirectory, ".kube", "config")];
        }

        return kubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static List<KubeconfigDocument> LoadDocuments(IReadOnlyList<string> paths)
    {
        // kubectl skips files of a KUBECONFIG list that do not exist, but a single named file must exist.
        var existing = paths.Count == 1 ? paths : paths.Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            throw new KubeconfigException($"no kubeconfig found: none of {string.Join(", ", paths)} exists; set KUBECONFIG or pass a path");
        }

        return existing.Select(KubeconfigDocument.Load).ToList();
    }

    private static KubernetesClientConfiguration Build(MergedKubeconfig merged, KubeconfigLoadOptions options)
    {
        var contextName = options.Context ?? merged.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeconfigException($"{merged.Files}: current-context is not set; set it (kubectl config use-context NAME) or pass a context name");
        }

        if (!merged.Contexts.TryGetValue(contextName, out var context))
        {
            throw new KubeconfigException($"{merged.Files}: contexts: there is no context named '{contextName}' (known: {string.Join(", ", merged.Contexts.Keys)})");
        }

        var cluster = Lookup(merged.Clusters, context, "cluster");
        var user = context.String("user") is { Length: > 0 } ? Lookup(merged.Users, context, "user") : null;
        var trust = ClusterTrust.Read(cluster);
        return new KubernetesClientConfiguration
        {
            Server = trust.Server,
            CertificateAuthorities = trust.CertificateAuthorities,
            SkipTlsVerify = trust.SkipTlsVerify,
            TlsServerName = trust.TlsServerName,
            Proxy = trust.Proxy,
            Credentials = user is null ? new StaticCredentialProvider(KubernetesCredentials.None) : UserCredentials.Read(user, trust, options),
            Namespace = context.String("namespace") is { Length: > 0 } ns ? ns : "default",
            Source = $"kubeconfig {context.Source.Path}, context {contextName}",
        };
    }

    private static KubeconfigEntry Lookup(Dictionary<string, KubeconfigEntry> entries, KubeconfigEntry context, string field)
    {
        var name = context.String(field);
        if (string.IsNullOrEmpty(name))
        {
            throw context.Error(field, $"is empty; the context must name a {field}");
        }

        return entries.TryGetValue(name, out var entry)
            ? entry
            : throw context.Error(field, $"names '{name}', but no {field} of that name is defined in any kubeconfig file");
    }
}
