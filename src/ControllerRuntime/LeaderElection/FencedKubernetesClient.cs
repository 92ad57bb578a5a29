using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>
/// The client the leader's work writes through: a write starts only while this replica's leadership term is valid
/// (checked on the monotonic clock just before it is handed to the transport) and is cancelled in flight the moment
/// the term ends, so no write starts after the loss, whatever the code that issues it does with its own token. Reads
/// pass through: a standby's caches stay warm. The elector's own Lease writes do not go through here.
/// </summary>
public sealed class FencedKubernetesClient(IKubernetesClient inner, Func<LeadershipTerm?> currentTerm) : IKubernetesClient
{
    /// <inheritdoc/>
    public string DefaultNamespace => inner.DefaultNamespace;

    /// <inheritdoc/>
    public Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        inner.GetAsync(type, ns, name, cancellationToken);

    /// <inheritdoc/>
    public Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(type, ns, options, cancellationToken);

    /// <inheritdoc/>
    public Task<ResourceList> ListEachAsync(ResourceType type, string? ns, ListOptions? options, Action<JsonObject> onItem, CancellationToken cancellationToken = default) =>
        inner.ListEachAsync(type, ns, options, onItem, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        inner.GetStatusAsync(type, ns, name, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.WatchAsync(type, ns, options, cancellationToken);

    /// <inheritdoc/>
    public Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GetPodLogsAsync(ns, podName, options, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.FollowPodLogsAsync(ns, podName, options, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"create {type}", ct => inner.CreateAsync(type, ns, obj, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"update {type}", ct => inner.ReplaceAsync(type, ns, obj, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"patch {type} {ns}/{name}", ct => inner.PatchAsync(type, ns, name, patch, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"delete {type} {ns}/{name}", ct => inner.DeleteAsync(type, ns, name, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"update {type} status", ct => inner.ReplaceStatusAsync(type, ns, obj, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync($"patch {type} {ns}/{name} status", ct => inner.PatchStatusAsync(type, ns, name, patch, options, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) =>
        WriteAsync($"create {type} {ns}/{name}/{subresource}", ct => inner.CreateSubresourceAsync(type, ns, name, subresource, body, ct), cancellationToken);

    private async Task<T> WriteAsync<T>(string what, Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        var term = currentTerm();
        if (term is null || !term.IsValid)
        {
            throw new LeadershipLostException($"{what}: not sent, this replica does not lead ({term?.EndReason ?? "no term"})", term?.Lost ?? new CancellationToken(canceled: true));
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term.Lost);
        try
        {
            return await write(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (term.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LeadershipLostException($"{what}: cancelled in flight, leadership ended ({term.EndReason})", term.Lost, e);
        }
    }
}
