using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes;

/// <summary>The REST implementation of <see cref="IKubernetesClient"/>. Thread-safe; create one per cluster and share it.</summary>
public sealed class KubernetesClient : IKubernetesClient, IDisposable
{
    private readonly KubernetesTransport transport;

    /// <summary>Creates a client.</summary>
    /// <param name="configuration">The cluster and credentials.</param>
    /// <param name="options">Retries and timeouts; null for the defaults.</param>
    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        transport = new KubernetesTransport(configuration, options ?? new KubernetesClientOptions());
    }

    /// <summary>The configuration the client was created with.</summary>
    public KubernetesClientConfiguration Configuration { get; }

    /// <inheritdoc/>
    public string DefaultNamespace => Configuration.Namespace;

    /// <summary>Creates a client from the in-cluster service account when running in a Pod, else from the default kubeconfig.</summary>
    /// <param name="options">Retries and timeouts.</param>
    /// <returns>The client.</returns>
    public static KubernetesClient FromEnvironment(KubernetesClientOptions? options = null) =>
        new(InClusterConfiguration.IsAvailable() ? InClusterConfiguration.Load() : KubeconfigLoader.Load(), options);

    /// <inheritdoc/>
    public Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        SendForObjectAsync(Get(type.ObjectPath(Ns(type, ns), name)), cancellationToken);

    /// <inheritdoc/>
    public async Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = type.CollectionPath(Ns(type, ns)) + (options ?? new ListOptions()).ToQuery();
        return ResourceList.FromJson(await SendForObjectAsync(Get(path), cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<ResourceList> ListEachAsync(ResourceType type, string? ns, ListOptions? options, Action<JsonObject> onItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onItem);
        var path = type.CollectionPath(Ns(type, ns)) + (options ?? new ListOptions()).ToQuery();
        using var response = await transport.SendAsync(Get(path) with { Streaming = true }, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await ListStreamReader.ReadAsync(body, onItem, transport.RequestTimeout, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = type.CollectionPath(Ns(type, ns)) + (options ?? new WriteOptions()).ToQuery();
        return SendForObjectAsync(new ApiRequest(HttpMethod.Post, path, RequestSafety.NonIdempotent) { Body = obj.ToJsonString() }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(type, ns, obj, null, options, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(type, ns, name, null, patch, options, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DeleteOptions();
        // With a precondition a repeated delete cannot remove a re-created namesake: it fails instead, so it may be retried.
        var safety = options.HasPreconditions ? RequestSafety.Idempotent : RequestSafety.NonIdempotent;
        var request = new ApiRequest(HttpMethod.Delete, type.ObjectPath(Ns(type, ns), name), safety) { Body = options.ToBody().ToJsonString() };
        return SendForObjectAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        SendForObjectAsync(Get(type.ObjectPath(Ns(type, ns), name, "status")), cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(type, ns, obj, "status", options, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(type, ns, name, "status", patch, options, cancellationToken);

    /// <inheritdoc/>
    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var path = type.ObjectPath(Ns(type, ns), name, subresource);
        return SendForObjectAsync(new ApiRequest(HttpMethod.Post, path, RequestSafety.NonIdempotent) { Body = body.ToJsonString() }, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var request = Get(type.CollectionPath(Ns(type, ns)) + options.ToQuery()) with { Streaming = true };
        var response = await transport.SendAsync(request, cancellationToken);
        try
        {
            options.Opened?.Invoke();
        }
        catch
        {
            response.Dispose();
            throw;
        }

        await foreach (var change in LineStream.ReadUtf8LinesAsync(response, request.ToString(), options.IdleTimeout, WatchEvent.Parse, cancellationToken))
        {
            yield return change;
        }
    }

    /// <inheritdoc/>
    public async Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = ResourceType.Pods.ObjectPath(ns, podName, "log") + (options ?? new PodLogOptions()).ToQuery(follow: false);
        using var response = await transport.SendAsync(Get(path) with { Accept = "*/*" }, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = ResourceType.Pods.ObjectPath(ns, podName, "log") + (options ?? new PodLogOptions()).ToQuery(follow: true);
        var request = Get(path) with { Accept = "*/*", Streaming = true };
        var response = await transport.SendAsync(request, cancellationToken);
        await foreach (var line in LineStream.ReadLinesAsync(response, request.ToString(), null, cancellationToken))
        {
            yield return line;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => transport.Dispose();

    private static ApiRequest Get(string path) => new(HttpMethod.Get, path, RequestSafety.Idempotent);

    private Task<JsonObject> PutAsync(ResourceType type, string? ns, JsonObject obj, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"] as JsonObject;
        var name = (string?)metadata?["name"] ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        // A PUT carrying resourceVersion is conditional: repeating it after success fails with Conflict, never writes twice.
        var safety = string.IsNullOrEmpty((string?)metadata?["resourceVersion"]) ? RequestSafety.NonIdempotent : RequestSafety.Idempotent;
        var path = type.ObjectPath(Ns(type, ns ?? (string?)metadata?["namespace"]), name, subresource) + (options ?? new WriteOptions()).ToQuery();
        return SendForObjectAsync(new ApiRequest(HttpMethod.Put, path, safety) { Body = obj.ToJsonString() }, cancellationToken);
    }

    private Task<JsonObject> SendPatchAsync(ResourceType type, string? ns, string name, string? subresource, Patch patch, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        options ??= new WriteOptions();
        if (patch.Type == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw new ArgumentException("server-side apply needs WriteOptions.FieldManager", nameof(options));
        }

        var path = type.ObjectPath(Ns(type, ns), name, subresource) + options.ToQuery();
        var request = new ApiRequest(HttpMethod.Patch, path, RequestSafety.NonIdempotent) { Body = patch.Body.ToJsonString(), ContentType = patch.ContentType };
        return SendForObjectAsync(request, cancellationToken);
    }

    private async Task<JsonObject> SendForObjectAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(request, cancellationToken);
        // Parsed from the bytes: reading the body as a string first would hold a UTF-16 copy of it as well.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonNode.ParseAsync(body, cancellationToken: cancellationToken) as JsonObject
            ?? throw new FormatException($"{request}: the server answered with something other than a JSON object");
    }

    private static string? Ns(ResourceType type, string? ns) => type.Namespaced ? ns : null;
}
