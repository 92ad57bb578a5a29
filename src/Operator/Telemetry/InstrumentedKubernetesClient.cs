using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// Counts every call of an <see cref="IKubernetesClient"/> by verb, resource and answer
/// (<c>kueueleuleu_operator_api_requests_total{verb,resource,code}</c>). A decorator, so the client library stays free
/// of the operator's telemetry. The code is the HTTP status, or <c>error</c> for a transport failure.
/// </summary>
public sealed class InstrumentedKubernetesClient(IKubernetesClient inner, OperatorMetrics metrics) : IKubernetesClient
{
    /// <inheritdoc/>
    public string DefaultNamespace => inner.DefaultNamespace;

    /// <inheritdoc/>
    public Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        Count("get", type, () => inner.GetAsync(type, ns, name, cancellationToken));

    /// <inheritdoc/>
    public Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("list", type, () => inner.ListAsync(type, ns, options, cancellationToken));

    /// <inheritdoc/>
    public Task<ResourceList> ListEachAsync(ResourceType type, string? ns, ListOptions? options, Action<JsonObject> onItem, CancellationToken cancellationToken = default) =>
        Count("list", type, () => inner.ListEachAsync(type, ns, options, onItem, cancellationToken));

    /// <inheritdoc/>
    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("create", type, () => inner.CreateAsync(type, ns, obj, options, cancellationToken));

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("update", type, () => inner.ReplaceAsync(type, ns, obj, options, cancellationToken));

    /// <inheritdoc/>
    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("patch", type, () => inner.PatchAsync(type, ns, name, patch, options, cancellationToken));

    /// <inheritdoc/>
    public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("delete", type, () => inner.DeleteAsync(type, ns, name, options, cancellationToken));

    /// <inheritdoc/>
    public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        Count("get", type, () => inner.GetStatusAsync(type, ns, name, cancellationToken), "/status");

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("update", type, () => inner.ReplaceStatusAsync(type, ns, obj, options, cancellationToken), "/status");

    /// <inheritdoc/>
    public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("patch", type, () => inner.PatchStatusAsync(type, ns, name, patch, options, cancellationToken), "/status");

    /// <inheritdoc/>
    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) =>
        Count("create", type, () => inner.CreateSubresourceAsync(type, ns, name, subresource, body, cancellationToken), "/" + subresource);

    /// <inheritdoc/>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Counted once per watch: by how it started (200, or the error that refused it), not per event.
        var events = inner.WatchAsync(type, ns, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (events.ConfigureAwait(false))
        {
            var counted = false;
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (!counted)
                {
                    Record("watch", type.Plural, CodeOf(e));
                    throw;
                }

                if (!counted)
                {
                    counted = true;
                    Record("watch", type.Plural, "200");
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
    }

    /// <inheritdoc/>
    public Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("get", ResourceType.Pods, () => inner.GetPodLogsAsync(ns, podName, options, cancellationToken), "/log");

    /// <inheritdoc/>
    public IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.FollowPodLogsAsync(ns, podName, options, cancellationToken);

    /// <summary>The code label of a failed call.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>The HTTP status, <c>canceled</c>, or <c>error</c> when no answer came.</returns>
    public static string CodeOf(Exception error) => error switch
    {
        KubernetesApiException api => api.Status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OperationCanceledException => "canceled",
        _ => "error",
    };

    private async Task<T> Count<T>(string verb, ResourceType type, Func<Task<T>> call, string subresource = "")
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            Record(verb, type.Plural + subresource, verb == "create" ? "201" : "200");
            return result;
        }
        catch (Exception e)
        {
            Record(verb, type.Plural + subresource, CodeOf(e));
            throw;
        }
    }

    private void Record(string verb, string resource, string code) =>
        metrics.ApiRequests.Add(1, new("verb", verb), new("resource", resource), new("code", code));
}
