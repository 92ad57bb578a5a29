using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// Retries through a fault-injecting proxy in front of the real API server; every assertion checks what the
/// server actually stored, not only what the client reported.
/// </summary>
[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class RetryTests(ClusterFixture cluster)
{
    private readonly ConcurrentQueue<RetryNotice> retries = new();

    private IKubernetesClient Admin => cluster.Client;

    [Fact]
    public async Task Create_answered_429_is_retried_after_retry_after_and_stored_once()
    {
        await using var ns = await cluster.CreateNamespaceAsync("r429");
        await using var proxy = await StartProxyAsync((i, _, _) => i < 2 ? FaultAction.Respond(429, "1") : FaultAction.Forward);
        using var client = ClientVia(proxy.Url);

        await client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("once"));

        Assert.Equal(3, proxy.Requests.Count(r => r.Method == "POST"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], retries.Select(r => r.Delay));
        Assert.Equal(1, await CountAsync(ns.Name, "once"));
    }

    [Fact]
    public async Task Read_answered_503_is_retried_until_it_succeeds()
    {
        await using var ns = await cluster.CreateNamespaceAsync("r503");
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm"));
        await using var proxy = await StartProxyAsync((i, _, _) => i < 2 ? FaultAction.Respond(503) : FaultAction.Forward);
        using var client = ClientVia(proxy.Url);

        var read = await client.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm");

        Assert.Equal("cm", Objects.Name(read));
        Assert.Equal(3, proxy.Requests.Count);
        Assert.Equal(2, retries.Count);
    }

    [Fact]
    public async Task Create_answered_503_is_not_retried()
    {
        await using var ns = await cluster.CreateNamespaceAsync("r503post");
        await using var proxy = await StartProxyAsync((_, _, _) => FaultAction.Respond(503));
        using var client = ClientVia(proxy.Url);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("never")));

        Assert.Equal(503, error.Code);
        Assert.Single(proxy.Requests);
        Assert.Empty(retries);
    }

    [Fact]
    public async Task Create_whose_connection_drops_after_it_reached_the_server_is_not_retried()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rdrop");
        await using var proxy = await StartProxyAsync((i, _, _) => i == 0 ? FaultAction.ForwardThenDrop : FaultAction.Forward);
        using var client = ClientVia(proxy.Url);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("maybe")));

        Assert.Single(proxy.Requests);
        Assert.Empty(retries);
        Assert.Equal(1, await CountAsync(ns.Name, "maybe")); // the server did store it: a retry would have hit AlreadyExists or worse
    }

    [Fact]
    public async Task Patch_whose_connection_drops_after_it_reached_the_server_is_not_retried()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rpatch");
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm"));
        await using var proxy = await StartProxyAsync((_, _, _) => FaultAction.ForwardThenDrop);
        using var client = ClientVia(proxy.Url);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "cm", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["p"] = "1" } })));

        Assert.Single(proxy.Requests);
        Assert.Equal("1", (string?)(await Admin.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm"))["data"]!["p"]);
    }

    [Fact]
    public async Task Read_whose_connection_drops_is_retried()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rgetdrop");
        await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm"));
        await using var proxy = await StartProxyAsync((i, _, _) => i == 0 ? FaultAction.ForwardThenDrop : FaultAction.Forward);
        using var client = ClientVia(proxy.Url);

        var list = await client.ListAsync(ResourceType.ConfigMaps, ns.Name);

        Assert.Contains(list.Items, i => Objects.Name(i) == "cm");
        Assert.Equal(2, proxy.Requests.Count);
    }

    [Fact]
    public async Task Conditional_update_is_retried_and_the_repeat_cannot_write_twice()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rput");
        var current = await Admin.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("cm"));
        current["data"]!["key"] = "first-write";
        await using var proxy = await StartProxyAsync((i, _, _) => i == 0 ? FaultAction.ForwardThenDrop : FaultAction.Forward);
        using var client = ClientVia(proxy.Url);

        // The first PUT was stored; its retry carries the now stale resourceVersion and is refused.
        await Assert.ThrowsAsync<KubernetesConflictException>(() => client.ReplaceAsync(ResourceType.ConfigMaps, ns.Name, current));

        Assert.Equal(2, proxy.Requests.Count(r => r.Method == "PUT"));
        Assert.Equal("first-write", (string?)(await Admin.GetAsync(ResourceType.ConfigMaps, ns.Name, "cm"))["data"]!["key"]);
    }

    [Fact]
    public async Task Create_refused_before_connecting_is_retried_and_stored_once()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rrefused");
        var admin = AdminConfiguration();
        // Nothing listens on the port until the client's first retry notice starts the proxy.
        await using var proxy = new FaultProxy(admin, await admin.Credentials.GetCredentialsAsync(default), (_, _, _) => FaultAction.Forward, FaultProxy.FreePort());
        var started = 0;
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = proxy.Url }, new KubernetesClientOptions
        {
            Retry = new RetryOptions
            {
                InitialDelay = TimeSpan.FromMilliseconds(50),
                OnRetry = notice =>
                {
                    retries.Enqueue(notice);
                    if (Interlocked.Exchange(ref started, 1) == 0)
                    {
                        proxy.Start();
                    }
                },
            },
        });

        await client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("after-refusal"));

        Assert.Single(retries);
        Assert.Single(proxy.Requests);
        Assert.Equal(1, await CountAsync(ns.Name, "after-refusal"));
    }

    [Fact]
    public async Task Retry_after_beyond_the_limit_fails_instead_of_stalling()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rlong");
        await using var proxy = await StartProxyAsync((_, _, _) => FaultAction.Respond(429, "3600"));
        using var client = ClientVia(proxy.Url);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetAsync(ResourceType.ConfigMaps, ns.Name, "x"));

        Assert.Equal(KubernetesStatusReason.TooManyRequests, error.Reason);
        Assert.Single(proxy.Requests);
    }

    private KubernetesClientConfiguration AdminConfiguration() =>
        KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [ClusterFixture.AdminKubeconfig] });

    private async Task<FaultProxy> StartProxyAsync(Func<int, string, string, FaultAction> decide)
    {
        var admin = AdminConfiguration();
        return new FaultProxy(admin, await admin.Credentials.GetCredentialsAsync(default), decide).Start();
    }

    private KubernetesClient ClientVia(Uri proxy) =>
        new(new KubernetesClientConfiguration { Server = proxy }, new KubernetesClientOptions
        {
            Retry = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(50), OnRetry = retries.Enqueue },
        });

    private async Task<int> CountAsync(string ns, string name) =>
        (await Admin.ListAsync(ResourceType.ConfigMaps, ns, new ListOptions { FieldSelector = $"metadata.name={name}" })).Items.Count;
}
