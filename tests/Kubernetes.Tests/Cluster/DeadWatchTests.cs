using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Xunit.Abstractions;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// Watches whose connection dies in the ways networks kill connections, through a relay or a proxy in front of the
/// real API server: the reflector must notice on its own and resume, never freeze, never loop.
/// </summary>
[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class DeadWatchTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private IKubernetesClient Admin => cluster.Client;

    [Fact]
    public async Task A_watch_whose_connection_went_silent_is_presumed_dead_and_resumed_from_its_last_version()
    {
        await using var ns = await cluster.CreateNamespaceAsync("silent");
        await using var relay = new BlackholeRelay(cluster.Server);
        using var client = ClientVia(relay.Url);
        await using var harness = new ReflectorHarness(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Namespace = ns.Name,
            MinWatchTimeout = TimeSpan.FromSeconds(3),
            MaxWatchTimeout = TimeSpan.FromSeconds(4),
            IdleTimeout = TimeSpan.FromSeconds(6),
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("before"));
        await Eventually.ThatAsync(() => Task.FromResult(harness.Saw(ReflectorEventType.Added, "before")), Settle, "the watch delivers");

        // Every connection open now (the watch's among them) goes silent without closing; new connections work.
        relay.BlackholeEstablished();
        var cut = DateTime.UtcNow;
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("during"));

        await Eventually.ThatAsync(() => Task.FromResult(harness.Saw(ReflectorEventType.Added, "during")), Settle, "the change made after the cut arrives");
        var detected = harness.ErrorTimes.First(e => e.Error is WatchIdleException).At;
        var seen = harness.FirstSeen(ReflectorEventType.Added, "during")!.Value;
        output.WriteLine($"silent watch detected {(detected - cut).TotalSeconds:0.0}s after the cut (idle bound 6s), change seen {(seen - cut).TotalSeconds:0.0}s after it");
        Assert.True(detected <= seen, "the change arrived only once the silent watch was given up");
        // Resumed from the last version: no list since the initial one.
        Assert.Equal(1, harness.Reflector.Lists);
        Assert.Null(harness.Reflector.Failure);
    }

    [Fact]
    public async Task A_watch_whose_connection_is_reset_is_resumed_from_its_last_version()
    {
        await using var ns = await cluster.CreateNamespaceAsync("reset");
        await using var relay = new BlackholeRelay(cluster.Server);
        using var client = ClientVia(relay.Url);
        await using var harness = new ReflectorHarness(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Namespace = ns.Name,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("before"));
        await Eventually.ThatAsync(() => Task.FromResult(harness.Saw(ReflectorEventType.Added, "before")), Settle, "the watch delivers");

        relay.ResetEstablished();
        var reset = DateTime.UtcNow;
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("after"));

        await Eventually.ThatAsync(() => Task.FromResult(harness.Saw(ReflectorEventType.Added, "after")), Settle, "the change made after the reset arrives");
        output.WriteLine($"reset watch: change seen {(harness.FirstSeen(ReflectorEventType.Added, "after")!.Value - reset).TotalSeconds:0.00}s after the reset");
        Assert.Contains(harness.Errors, e => e is HttpRequestException or IOException);
        Assert.Equal(1, harness.Reflector.Lists);
        Assert.Null(harness.Reflector.Failure);
    }

    [Fact]
    public async Task A_watch_error_other_than_410_relists_only_after_a_backoff_that_grows()
    {
        await using var ns = await cluster.CreateNamespaceAsync("watcherror");
        var admin = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] });
        // Lists reach the server; every watch is accepted, then fails with an ERROR event carrying a 500.
        await using var proxy = new FaultProxy(admin, await admin.Credentials.GetCredentialsAsync(default), (_, _, path) =>
            path.Contains("watch=true", StringComparison.Ordinal) ? FaultAction.WatchError(500) : FaultAction.Forward).Start();
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = proxy.Url });
        var initial = TimeSpan.FromMilliseconds(400);
        await using var harness = new ReflectorHarness(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Namespace = ns.Name,
            InitialBackoff = initial,
            MaxBackoff = TimeSpan.FromSeconds(4),
        });

        await Eventually.ThatAsync(() => Task.FromResult(Lists(proxy).Count >= 5), Settle, "five lists");
        var lists = Lists(proxy);
        var gaps = lists.Zip(lists.Skip(1), (a, b) => b - a).Take(4).ToList();
        output.WriteLine($"gaps between lists: {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0}ms"))}");
        // Equal jitter: the k-th wait is at least half of initial x 2^(k-1). A loop without backoff lists at once.
        for (var k = 0; k < gaps.Count; k++)
        {
            var floor = initial * Math.Pow(2, k) / 2;
            Assert.True(gaps[k] >= floor, $"list {k + 2} came {gaps[k].TotalMilliseconds:0}ms after the previous one; the backoff asks for at least {floor.TotalMilliseconds:0}ms");
        }

        Assert.Contains(harness.Errors, e => e is KubernetesApiException { Code: 500 });
    }

    private static List<DateTime> Lists(FaultProxy proxy) =>
        [.. proxy.Requests.Where(r => r.Method == "GET" && !r.Path.Contains("watch=true", StringComparison.Ordinal)).Select(r => r.At)];

    private static KubernetesClient ClientVia(Uri server)
    {
        var admin = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] });
        // A pooled connection silenced by the relay must not hold a new request long: answers' headers within 5s.
        return new KubernetesClient(
            new KubernetesClientConfiguration { Server = server, CertificateAuthorities = admin.CertificateAuthorities, Credentials = admin.Credentials },
            new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
    }
}
