using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Microsoft.Extensions.Time.Testing;

namespace Kueueleuleu.ControllerRuntime.Tests;

/// <summary>The write fence on its own (pure logic, a recording client behind it): what passes, what does not, and when.</summary>
public sealed class FencedKubernetesClientTests
{
    private static readonly JsonObject ConfigMap = new() { ["metadata"] = new JsonObject { ["name"] = "x" } };

    [Fact]
    public async Task Writes_pass_only_within_a_valid_term_and_reads_always_pass()
    {
        var time = new FakeTimeProvider();
        var inner = new RecordingClient();
        LeadershipTerm? term = null;
        var fenced = new FencedKubernetesClient(inner, () => term);

        await Assert.ThrowsAsync<LeadershipLostException>(() => fenced.CreateAsync(ResourceType.ConfigMaps, "ns", ConfigMap));
        await fenced.GetAsync(ResourceType.ConfigMaps, "ns", "x");
        Assert.Equal(["get"], inner.Calls);

        term = new LeadershipTerm(time, TimeSpan.FromSeconds(10), time.GetTimestamp());
        await fenced.CreateAsync(ResourceType.ConfigMaps, "ns", ConfigMap);
        await fenced.PatchStatusAsync(ResourceType.ConfigMaps, "ns", "x", Patch.Merge(new JsonObject()));
        Assert.Equal(["get", "create", "patch-status"], inner.Calls);

        // The deadline passed on the clock: refused before the timer behind the term's token has even run.
        time.Advance(TimeSpan.FromSeconds(10));
        var refused = await Assert.ThrowsAsync<LeadershipLostException>(() => fenced.ReplaceStatusAsync(ResourceType.ConfigMaps, "ns", ConfigMap));
        Assert.Contains("renew deadline", refused.Message, StringComparison.Ordinal);
        await fenced.ListAsync(ResourceType.ConfigMaps, "ns");
        Assert.Equal(["get", "create", "patch-status", "list"], inner.Calls);
    }

    [Fact]
    public async Task A_write_in_flight_when_the_term_ends_is_cancelled()
    {
        var time = new FakeTimeProvider();
        var inner = new RecordingClient { HoldWrites = true };
        var term = new LeadershipTerm(time, TimeSpan.FromSeconds(10), time.GetTimestamp());
        var fenced = new FencedKubernetesClient(inner, () => term);

        var write = fenced.DeleteAsync(ResourceType.ConfigMaps, "ns", "x");
        await Eventually.ThatAsync(() => inner.Calls.Contains("delete"), "the write is under way");
        Assert.False(write.IsCompleted);
        term.End("the Lease is held by 'other'");

        var cancelled = await Assert.ThrowsAsync<LeadershipLostException>(() => write);
        Assert.Contains("held by 'other'", cancelled.Message, StringComparison.Ordinal);
    }

    /// <summary>Records calls; with <see cref="HoldWrites"/> a write waits until its token is cancelled.</summary>
    private sealed class RecordingClient : IKubernetesClient
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> calls = new();

        public bool HoldWrites { get; init; }

        public IReadOnlyList<string> Calls => [.. calls];

        public string DefaultNamespace => "ns";

        public Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => Record("get");

        public Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
        {
            calls.Enqueue("list");
            return Task.FromResult(new ResourceList([], "1", null, null));
        }

        public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("create", cancellationToken);

        public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("replace", cancellationToken);

        public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("patch", cancellationToken);

        public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("delete", cancellationToken);

        public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => Record("get-status");

        public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("replace-status", cancellationToken);

        public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => WriteAsync("patch-status", cancellationToken);

        public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) => WriteAsync("create-subresource", cancellationToken);

        public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            calls.Enqueue("watch");
            await Task.CompletedTask;
            yield break;
        }

        public Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult("");

        public IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private Task<JsonObject> Record(string call)
        {
            calls.Enqueue(call);
            return Task.FromResult(new JsonObject());
        }

        private async Task<JsonObject> WriteAsync(string call, CancellationToken cancellationToken)
        {
            calls.Enqueue(call);
            if (HoldWrites)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new JsonObject();
        }
    }
}
