using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes;

/// <summary>
/// Calls on any API resource, on <see cref="JsonObject"/>s. The namespace argument is ignored for
/// cluster-scoped resources; for namespaced ones it is required except on list/watch, where null means all
/// namespaces. Failures throw <see cref="Http.KubernetesApiException"/> subtypes.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>The namespace of the configuration (kubeconfig context or service account).</summary>
    string DefaultNamespace { get; }

    /// <summary>Reads one object.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object.</returns>
    Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of objects.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace; null for all namespaces.</param>
    /// <param name="options">Selectors and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one page of objects and hands each to <paramref name="onItem"/> as soon as it is read, so that only one
    /// object of the page is held at a time (<see cref="ListStreamReader"/>). This default reads the page whole first;
    /// <see cref="KubernetesClient"/> streams it.
    /// </summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace; null for all namespaces.</param>
    /// <param name="options">Selectors and paging.</param>
    /// <param name="onItem">Receives each object, in order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page's metadata; its <see cref="ResourceList.Items"/> are empty.</returns>
    async Task<ResourceList> ListEachAsync(ResourceType type, string? ns, ListOptions? options, Action<JsonObject> onItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onItem);
        var page = await ListAsync(type, ns, options, cancellationToken).ConfigureAwait(false);
        foreach (var item in page.Items)
        {
            onItem(item);
        }

        return page with { Items = [] };
    }

    /// <summary>Creates an object (POST). Never retried once it may have reached the server.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="obj">The object.</param>
    /// <param name="options">Field manager, dry run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created object.</returns>
    Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an object (PUT), named by its <c>metadata.name</c>. With <c>metadata.resourceVersion</c> set the
    /// write is conditional: a concurrent change makes it fail with <see cref="Http.KubernetesConflictException"/>.
    /// </summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="obj">The full object.</param>
    /// <param name="options">Field manager, dry run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored object.</returns>
    Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches an object (merge, JSON, strategic merge or server-side apply).</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="patch">The patch.</param>
    /// <param name="options">Field manager (required for apply), force, dry run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The patched object.</returns>
    Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="options">Propagation policy, preconditions, grace period.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's answer: the object while finalizers hold it, otherwise a <c>Status</c> or the final object.</returns>
    Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the <c>status</c> subresource.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as the status endpoint returns it.</returns>
    Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces the <c>status</c> subresource (PUT); only <c>status</c> changes are stored.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="obj">The object with the new status (and <c>metadata.resourceVersion</c> for a conditional write).</param>
    /// <param name="options">Field manager, dry run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored object.</returns>
    Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches the <c>status</c> subresource.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="patch">The patch.</param>
    /// <param name="options">Field manager, force, dry run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The patched object.</returns>
    Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>POSTs to a subresource such as <c>serviceaccounts/NAME/token</c> or <c>pods/NAME/eviction</c>. Never retried once sent.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="subresource">The subresource.</param>
    /// <param name="body">The request object.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's answer.</returns>
    Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default);

    /// <summary>Watches a collection: events until the server ends the stream (<c>timeoutSeconds</c>), the connection drops, or cancellation.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace; null for all namespaces.</param>
    /// <param name="options">Start version, bookmarks, timeout, selectors.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events; a 410 at the start throws <see cref="Http.KubernetesGoneException"/>, later ones come as ERROR events.</returns>
    IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a container's log.</summary>
    /// <param name="ns">The Pod's namespace.</param>
    /// <param name="podName">The Pod.</param>
    /// <param name="options">Container, tail, since.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log text.</returns>
    Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Follows a container's log: lines as the container prints them, until it exits or cancellation.</summary>
    /// <param name="ns">The Pod's namespace.</param>
    /// <param name="podName">The Pod.</param>
    /// <param name="options">Container, tail, since.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The lines, without line terminators.</returns>
    IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default);
}
