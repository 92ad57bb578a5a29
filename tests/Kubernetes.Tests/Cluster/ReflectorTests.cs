using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ReflectorTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Reflector_lists_then_streams_changes_and_resumes_after_each_watch_timeout()
    {
        await using var ns = await cluster.CreateNamespaceAsync("reflect");
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("before"));
        // Short watches so the test crosses several server-side timeouts and resumes from bookmarks.
        await using var harness = new ReflectorHarness(Client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Namespace = ns.Name,
            MinWatchTimeout = TimeSpan.FromSeconds(3),
            MaxWatchTimeout = TimeSpan.FromSeconds(4),
        });
        await Eventually.ThatAsync(() => Task.FromResult(harness.Synced == 1), Settle, "initial sync");

        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("during"));
        await Task.Delay(TimeSpan.FromSeconds(5)); // at least one watch timeout passes between the changes
        await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "before", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["key"] = "v2" } }));
        await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "during");
        await harness.WaitUntilMatchesServerAsync(Client, ResourceType.ConfigMaps, ns.Name, Settle);

        Assert.True(harness.Saw(ReflectorEventType.Added, "before"));
        Assert.True(harness.Saw(ReflectorEventType.Added, "during"));
        Assert.True(harness.Saw(ReflectorEventType.Modified, "before"));
        Assert.True(harness.Saw(ReflectorEventType.Deleted, "during"));
        // Watch timeouts are resumed from the last version, never by listing again.
        Assert.Equal(1, harness.Reflector.Lists);
        Assert.Equal("v2", (string?)harness.Reflector.Items[$"{ns.Name}/before"].Parse()["data"]!["key"]);
    }

    [Fact]
    public async Task After_an_outage_longer_than_the_watch_cache_the_reflector_relists_and_reports_the_differences()
    {
        await using var ns = await cluster.CreateNamespaceAsync("relist");
        var widgets = cluster.Widgets;
        foreach (var name in new[] { "keep", "change", "remove", "churn" })
        {
            await Client.CreateAsync(widgets, ns.Name, WidgetCrd.New(widgets, name));
        }

        // The reflector reaches the API server through a relay the test can cut: a network outage.
        await using var relay = new TcpRelay(cluster.Server);
        var admin = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] });
        using var viaRelay = new KubernetesClient(new KubernetesClientConfiguration
        {
            Server = relay.Url,
            CertificateAuthorities = admin.CertificateAuthorities,
            Credentials = admin.Credentials,
        });
        await using var harness = new ReflectorHarness(viaRelay, widgets, new ReflectorOptions
        {
            Namespace = ns.Name,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
        await Eventually.ThatAsync(() => Task.FromResult(harness.Synced == 1 && harness.Reflector.Items.Count == 4), Settle, "initial sync");

        relay.Cut();
        var lastSeen = harness.Reflector.ResourceVersion!; // read after the cut: no event can move it any more
        await Client.PatchAsync(widgets, ns.Name, "change", Patch.Merge(new JsonObject { ["spec"] = new JsonObject { ["size"] = 2 } }));
        await Client.DeleteAsync(widgets, ns.Name, "remove");
        await Client.CreateAsync(widgets, ns.Name, WidgetCrd.New(widgets, "new"));
        await WatchCacheWindow.PushOutAsync(Client, widgets, ns.Name, "churn", lastSeen);
        relay.Resume();

        await harness.WaitUntilMatchesServerAsync(Client, widgets, ns.Name, Settle);
        Assert.True(harness.Reflector.Lists >= 2, "the expired version forced a relist");
        Assert.True(harness.Saw(ReflectorEventType.Modified, "change"));
        Assert.True(harness.Saw(ReflectorEventType.Deleted, "remove"));
        Assert.True(harness.Saw(ReflectorEventType.Added, "new"));
        Assert.False(harness.Saw(ReflectorEventType.Modified, "keep"));
        Assert.Equal(2, (int)harness.Reflector.Items[$"{ns.Name}/change"].Parse()["spec"]!["size"]!);
    }

    [Fact]
    public async Task Events_made_after_an_api_server_restart_reach_a_running_reflector()
    {
        await using var ns = await cluster.CreateNamespaceAsync("restart");
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("before"));
        // A client that retries long enough to ride out the restart on its own.
        using var client = new KubernetesClient(
            KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] }),
            new Http.KubernetesClientOptions { Retry = new Http.RetryOptions { MaxAttempts = 3 } });
        await using var harness = new ReflectorHarness(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Namespace = ns.Name,
            InitialBackoff = TimeSpan.FromMilliseconds(500),
            MaxBackoff = TimeSpan.FromSeconds(3),
        });
        await Eventually.ThatAsync(() => Task.FromResult(harness.Synced == 1), Settle, "initial sync");

        await ClusterFixture.RestartApiServerAsync();
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("after"));
        await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "before", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["key"] = "after-restart" } }));

        await harness.WaitUntilMatchesServerAsync(Client, ResourceType.ConfigMaps, ns.Name, Settle);
        Assert.True(harness.Saw(ReflectorEventType.Added, "after"));
        Assert.Equal("after-restart", (string?)harness.Reflector.Items[$"{ns.Name}/before"].Parse()["data"]!["key"]);
        Assert.NotEmpty(harness.Errors); // the dropped watch was noticed, not silently lost
    }
}
