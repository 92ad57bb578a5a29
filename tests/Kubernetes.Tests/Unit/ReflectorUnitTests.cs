using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

/// <summary>The reflector's bookkeeping against a scripted client; the cluster tests cover the real server.</summary>
public sealed class ReflectorUnitTests
{
    [Fact]
    public async Task Relist_after_gone_reports_the_differences_and_resumes_from_the_new_version()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([Cm("a", "1"), Cm("b", "2"), Cm("c", "3")], "10", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Modified, Cm("a", "11")), Error(410)]));
        client.Lists.Enqueue(new ResourceList([Cm("a", "11"), Cm("b", "12"), Cm("d", "13")], "20", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Bookmark, Bookmark("25"))]));
        client.Watches.Enqueue(new ScriptedWatch([], new KubernetesGoneException(new KubernetesStatus(410, KubernetesStatusReason.Gone, "Gone", "too old", null), "WATCH")));
        client.Lists.Enqueue(new ResourceList([Cm("d", "13")], "30", null, null));
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions { Namespace = "ns" });

        var events = await reflector.RunAsync().Take(12).ToListAsync();

        Assert.Equal(
            ["Added a", "Added b", "Added c", "Synced", "Modified a", "Modified b", "Added d", "Deleted c", "Synced", "Deleted a", "Deleted b", "Synced"],
            events.Select(Describe));
        Assert.Equal(["10", "20", "25"], client.WatchedFrom);
        Assert.Equal(3, reflector.Lists);
        Assert.Equal(["ns/d"], reflector.Items.Keys);
    }

    [Fact]
    public async Task Dropped_watch_resumes_from_the_last_seen_version_without_a_relist()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([], "5", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Added, Cm("x", "6"))], new HttpRequestException("connection reset")));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Deleted, Cm("x", "7"))]));
        var errors = new List<Exception>();
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), OnError = errors.Add });

        var events = await reflector.RunAsync().Take(3).ToListAsync();

        Assert.Equal(["Synced", "Added x", "Deleted x"], events.Select(Describe));
        Assert.Equal(["5", "6"], client.WatchedFrom);
        Assert.Equal(1, reflector.Lists);
        Assert.IsType<HttpRequestException>(Assert.Single(errors));
        Assert.Empty(reflector.Items);
    }

    [Fact]
    public async Task Paged_relist_uses_the_first_pages_version()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([Cm("a", "1")], "40", "token", 1));
        client.Lists.Enqueue(new ResourceList([Cm("b", "2")], "41", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Added, Cm("c", "42"))]));
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions { PageSize = 1 });

        var events = await reflector.RunAsync().Take(4).ToListAsync();

        Assert.Equal(["Added a", "Added b", "Synced", "Added c"], events.Select(Describe));
        Assert.Equal([null, "token"], client.Continues);
        Assert.Equal("40", client.WatchedFrom.Single(v => v.Length > 0));
    }

    [Fact]
    public async Task The_transform_decides_what_is_stored_and_reported_for_list_items_and_watch_events()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([Cm("a", "1")], "5", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Added, Cm("b", "6")), new WatchEvent(WatchEventType.Modified, Cm("a", "7"))]));
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            Transform = obj => new JsonObject { ["metadata"] = obj["metadata"]!.DeepClone(), ["transformed"] = true },
        });

        var events = await reflector.RunAsync().Take(4).ToListAsync();

        Assert.Equal(["Added a", "Synced", "Added b", "Modified a"], events.Select(Describe));
        Assert.All(events.Where(e => e.Item is not null), e => Assert.True((bool)e.Item!["transformed"]!));
        Assert.All(reflector.Items.Values, obj => Assert.True((bool)obj.Parse()["transformed"]!));
        Assert.Same(events[^1].Stored, reflector.Items["ns/a"]);
        Assert.Equal("7", reflector.Items["ns/a"].ResourceVersion);
    }

    [Fact]
    public async Task A_list_page_is_stored_before_the_next_one_is_fetched()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([Cm("a", "1"), Cm("b", "1")], "40", "token", 1));
        client.Lists.Enqueue(new ResourceList([Cm("c", "2")], "41", null, null));
        var transformedBeforeEachList = new List<int>();
        var transformed = 0;
        client.BeforeList = () => transformedBeforeEachList.Add(transformed);
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            PageSize = 2,
            Transform = obj =>
            {
                transformed++;
                return obj;
            },
        });

        var events = await reflector.RunAsync().Take(4).ToListAsync();

        Assert.Equal(["Added a", "Added b", "Added c", "Synced"], events.Select(Describe));
        // The first page's objects were kept (transformed and stored) before the second page was asked for.
        Assert.Equal([0, 2], transformedBeforeEachList);
    }

    [Fact]
    public async Task A_failure_is_reported_until_a_watch_is_open_again_and_a_410_is_none()
    {
        var client = new ScriptedClient();
        client.Lists.Enqueue(new ResourceList([], "5", null, null));
        client.Watches.Enqueue(new ScriptedWatch([new WatchEvent(WatchEventType.Added, Cm("x", "6"))], new HttpRequestException("connection reset")));
        client.Watches.Enqueue(new ScriptedWatch([Error(410)]));
        client.Lists.Enqueue(new ResourceList([Cm("x", "7")], "8", null, null));
        var failures = new List<string?>();
        var reflector = new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(1) });
        client.BeforeWatch = () => failures.Add(reflector.Failure?.Error.Message);
        client.BeforeList = () => failures.Add(reflector.Failure?.Error.Message);

        var events = await reflector.RunAsync().Take(4).ToListAsync();

        Assert.Equal(["Synced", "Added x", "Modified x", "Synced"], events.Select(Describe));
        // Before the initial list, before the first watch, before the watch after the reset (still failing: no watch open
        // since), before the relist after 410 (the watch had opened: healthy again; a 410 is no failure).
        Assert.Equal([null, null, "connection reset", null], failures);
        Assert.Null(reflector.Failure);
    }

    [Fact]
    public void Timings_that_would_presume_a_healthy_quiet_watch_dead_are_refused()
    {
        var client = new ScriptedClient();
        var error = Assert.Throws<ArgumentException>(() => new Reflector(client, ResourceType.ConfigMaps, new ReflectorOptions
        {
            MaxWatchTimeout = TimeSpan.FromSeconds(60),
            IdleTimeout = TimeSpan.FromSeconds(60),
        }));
        Assert.Contains("IdleTimeout", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(ReflectorEvent e) => e.Item is null ? e.Type.ToString() : $"{e.Type} {(string?)e.Item["metadata"]!["name"]}";

    private static JsonObject Cm(string name, string rv) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["resourceVersion"] = rv },
    };

    private static JsonObject Bookmark(string rv) => new() { ["metadata"] = new JsonObject { ["resourceVersion"] = rv } };

    private static WatchEvent Error(int code) => new(WatchEventType.Error, new JsonObject { ["kind"] = "Status", ["code"] = code, ["reason"] = "Expired" });

    private sealed record ScriptedWatch(IReadOnlyList<WatchEvent> Events, Exception? ThenThrow = null);

    /// <summary>Answers list and watch from queues; once a queue is empty, a watch waits until cancelled.</summary>
    private sealed class ScriptedClient : IKubernetesClient
    {
        public Queue<ResourceList> Lists { get; } = new();

        public Queue<ScriptedWatch> Watches { get; } = new();

        public List<string> WatchedFrom { get; } = [];

        public List<string?> Continues { get; } = [];

        public Action? BeforeList { get; set; }

        public Action? BeforeWatch { get; set; }

        public string DefaultNamespace => "ns";

        public Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
        {
            Continues.Add(options?.Continue);
            BeforeList?.Invoke();
            return Task.FromResult(Lists.Dequeue());
        }

        public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            WatchedFrom.Add(options?.ResourceVersion ?? "");
            BeforeWatch?.Invoke();
            if (!Watches.TryDequeue(out var watch))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                yield break;
            }

            // The server accepted the watch, as the real client reports it.
            options?.Opened?.Invoke();

            foreach (var e in watch.Events)
            {
                yield return e;
            }

            if (watch.ThenThrow is not null)
            {
                throw watch.ThenThrow;
            }
        }

        public Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
