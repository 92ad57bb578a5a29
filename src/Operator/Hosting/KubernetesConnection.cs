using Kueueleuleu.Kubernetes.Configuration;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Where the operator's API client connects: the Pod's service account, or a kubeconfig file and context.</summary>
public static class KubernetesConnection
{
    /// <summary>Loads the client configuration the settings ask for.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigurationException">The kubeconfig or service account cannot be used.</exception>
    public static KubernetesClientConfiguration Load(OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return settings.InCluster
                ? InClusterConfiguration.Load()
                : KubeconfigLoader.Load(new KubeconfigLoadOptions
                {
                    Paths = settings.Kubeconfig is null ? null : [Path.GetFullPath(settings.Kubeconfig)],
                    Context = settings.Context,
                });
        }
        catch (KubeconfigException e)
        {
            var setting = settings.InCluster ? OperatorFlags.InCluster.Name : OperatorFlags.Kubeconfig.Name;
            throw new ConfigurationException($"{setting}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
