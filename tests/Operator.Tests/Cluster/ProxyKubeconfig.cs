namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>A temporary kubeconfig pointing at a plain-HTTP proxy (which authenticates upstream itself); deleted on dispose.</summary>
public sealed class ProxyKubeconfig : IDisposable
{
    public ProxyKubeconfig(Uri proxy)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kl-proxy-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(Path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: proxy
              cluster:
                server: {proxy.AbsoluteUri.TrimEnd('/')}
            users:
            - name: proxied
              user: {"{}"}
            contexts:
            - name: proxy
              context:
                cluster: proxy
                user: proxied
                namespace: default
            current-context: proxy
            """);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
