using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>The client's connections carry TCP keepalive, as the kernel reports it (ss), on a relay port of their own.</summary>
[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class KeepAliveTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Connections_to_the_api_server_probe_the_peer_with_tcp_keepalive()
    {
        await using var relay = new BlackholeRelay(cluster.Server);
        var admin = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] });
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = relay.Url, CertificateAuthorities = admin.CertificateAuthorities, Credentials = admin.Credentials });
        await client.ListAsync(ResourceType.Namespaces, null);

        // The pooled connection stays open: the kernel shows its keepalive timer (idle 30 s before the first probe).
        var sockets = (await ProcessRunner.RunAsync("ss", ["-tno", "state", "established", $"( dport = :{relay.Endpoint.Port} )"])).EnsureSuccess().StandardOutput;
        var ours = sockets.Split('\n').Where(l => l.Contains($":{relay.Endpoint.Port}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, l => Assert.Contains("timer:(keepalive,", l, StringComparison.Ordinal));
    }
}
