using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class WatchTests(ClusterFixture cluster)
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Watch_from_a_list_version_sees_added_modified_deleted_in_order()
    {
        await using var ns = await cluster.CreateNamespaceAsync("watch");
        var list = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = Client.WatchAsync(ResourceType.ConfigMaps, ns.Name, new WatchOptions { ResourceVersion = list.ResourceVersion, FieldSelector = "metadata.name=w" }, stop.Token);

        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("w"));
        await Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "w", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["key"] = "changed" } }));
        await Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "w");
        var seen = new List<WatchEvent>();
        await foreach (var e in events)
        {
            seen.Add(e);
            if (e.Type == WatchEventType.Deleted)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.Equal("changed", (string?)seen[1].Item["data"]!["key"]);
        Assert.All(seen, e => Assert.Equal("w", Objects.Name(e.Item)));
    }

    [Fact]
    public async Task Server_side_timeout_ends_the_stream_cleanly_after_a_bookmark()
    {
        await using var ns = await cluster.CreateNamespaceAsync("bookmark");
        var watched = await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("watched"));
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("busy"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The API server sends a bookmark 2 s before a watch's deadline, but only with a version newer than the
        // watch's start: keep changing an object the field selector hides while the watch runs.
        using var churnStop = new CancellationTokenSource();
        var churn = ChurnAsync(ns.Name, "busy", churnStop.Token);
        var events = await Client.WatchAsync(ResourceType.ConfigMaps, ns.Name, new WatchOptions
        {
            ResourceVersion = Objects.ResourceVersion(watched),
            FieldSelector = "metadata.name=watched",
            AllowWatchBookmarks = true,
            TimeoutSeconds = 5,
        }, stop.Token).ToListAsync(stop.Token);
        await churnStop.CancelAsync();
        await churn;

        Assert.False(stop.IsCancellationRequested);
        // Bucketed by the second, the pre-deadline bookmark can come twice; nothing but bookmarks may come.
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(WatchEventType.Bookmark, e.Type));
        var bookmark = events[0];
        Assert.True(long.Parse(bookmark.ResourceVersion!, CultureInfo.InvariantCulture) > long.Parse(Objects.ResourceVersion(watched), CultureInfo.InvariantCulture));
        Assert.Null(bookmark.Item["data"]);
    }

    private async Task ChurnAsync(string ns, string name, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            await Client.PatchAsync(ResourceType.ConfigMaps, ns, name, Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["i"] = i.ToString(CultureInfo.InvariantCulture) } }), cancellationToken: CancellationToken.None);
            try
            {
                await Task.Delay(300, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task Cancellation_ends_a_quiet_watch()
    {
        await using var ns = await cluster.CreateNamespaceAsync("cancel");
        var list = await Client.ListAsync(ResourceType.ConfigMaps, ns.Name);
        using var stop = new CancellationTokenSource();
        var received = new List<WatchEvent>();

        var watching = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync(ResourceType.ConfigMaps, ns.Name, new WatchOptions { ResourceVersion = list.ResourceVersion, FieldSelector = "metadata.name=only" }, stop.Token))
            {
                received.Add(e);
            }
        });
        await Client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("only"));
        await Eventually.ThatAsync(() => Task.FromResult(received.Count == 1), TimeSpan.FromSeconds(30), "first event");
        await stop.CancelAsync();

        // No timeoutSeconds: only the cancellation can end this stream.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(received);
    }

    [Fact]
    public async Task Watch_from_a_version_older_than_the_watch_cache_is_gone()
    {
        await using var ns = await cluster.CreateNamespaceAsync("expired");
        var widgets = cluster.Widgets;
        var first = await Client.CreateAsync(widgets, ns.Name, WidgetCrd.New(widgets, "churn"));

        await WatchCacheWindow.PushOutAsync(Client, widgets, ns.Name, "churn", Objects.ResourceVersion(first));

        var gone = await WatchCacheWindow.WatchErrorAsync(Client, widgets, ns.Name, Objects.ResourceVersion(first));
        Assert.NotNull(gone);
        Assert.Equal(410, gone.Code);
        Assert.Equal(KubernetesStatusReason.Expired, gone.Reason);
    }
}
