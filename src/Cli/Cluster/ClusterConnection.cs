using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>A client for the selected cluster and the namespace the command works in.</summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly KubernetesClient? owned;

    /// <summary>Wraps an existing client (tests).</summary>
    public ClusterConnection(IKubernetesClient client, string ns)
    {
        Client = client;
        Namespace = ns;
    }

    private ClusterConnection(KubernetesClient client, string ns)
        : this((IKubernetesClient)client, ns)
    {
        owned = client;
    }

    /// <summary>The SequentialJob resource.</summary>
    public static ResourceType SequentialJobs { get; } = new(
        Entities.SequentialJobApi.Group, Entities.SequentialJobApi.Version, Entities.SequentialJobApi.Plural, Namespaced: true);

    /// <summary>The client.</summary>
    public IKubernetesClient Client { get; }

    /// <summary>The namespace: <c>-n</c>, else the context's.</summary>
    public string Namespace { get; }

    /// <summary>
    /// Connects as kubectl would: <c>--kubeconfig</c>, else <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>, else
    /// the in-cluster service account when running in a Pod. Throws <see cref="KubeconfigException"/> with a
    /// message naming the file and field when no usable configuration exists.
    /// </summary>
    public static ClusterConnection Open(ClusterSelection selection, Func<string, string?> environment)
    {
        var configuration = LoadConfiguration(selection, environment);
        var client = new KubernetesClient(configuration);
        return new ClusterConnection(client, selection.Namespace is { Length: > 0 } ns ? ns : configuration.Namespace);
    }

    /// <inheritdoc/>
    public void Dispose() => owned?.Dispose();

    private static KubernetesClientConfiguration LoadConfiguration(ClusterSelection selection, Func<string, string?> environment)
    {
        if (selection.Kubeconfig is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new ClusterCommandException($"no kubeconfig: {file} (--kubeconfig) does not exist");
            }

            return KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file], Context = selection.Context });
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var paths = KubeconfigLoader.DefaultPaths(environment("KUBECONFIG"), home);
        // kubectl falls back to the service account only when no kubeconfig exists at all.
        if (selection.Context is null && !paths.Any(File.Exists) && InClusterConfiguration.IsAvailable())
        {
            return InClusterConfiguration.Load();
        }

        if (!paths.Any(File.Exists))
        {
            throw new ClusterCommandException($"no kubeconfig: {string.Join(", ", paths)} does not exist; set KUBECONFIG or pass --kubeconfig FILE");
        }

        return KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = paths, Context = selection.Context });
    }
}
