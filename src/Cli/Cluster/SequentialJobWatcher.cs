using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>Reads one SequentialJob, once or as it changes.</summary>
internal static class SequentialJobWatcher
{
    /// <summary>Reads the SequentialJob; a 404 becomes the usual one-line "not found".</summary>
    public static async Task<JsonObject> GetAsync(ClusterConnection connection, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Client.GetAsync(ClusterConnection.SequentialJobs, connection.Namespace, name, cancellationToken);
        }
        catch (KubernetesNotFoundException e) when (!ClusterErrors.IsMissingApi(e))
        {
            throw ClusterErrors.NotFound(name, connection.Namespace);
        }
    }

    /// <summary>
    /// Reads the SequentialJob, then watches it, calling <paramref name="seen"/> with every version until
    /// <paramref name="done"/> holds for one, which is returned. Watches that end are resumed from the last version
    /// seen; an expired version (410) reads the object again. Deletion ends the wait with an error.
    /// </summary>
    public static async Task<JsonObject> WaitAsync(
        ClusterConnection connection, string name, Func<JsonObject, bool> done, Action<JsonObject>? seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync(connection, name, cancellationToken);
            seen?.Invoke(current);
            if (done(current))
            {
                return current;
            }

            var found = await WatchFromAsync(connection, name, ResourceVersion(current), done, seen, cancellationToken);
            if (found is not null)
            {
                return found;
            }
        }
    }

    // Watches from a version; returns the object when done holds, or null when the object must be read again.
    private static async Task<JsonObject?> WatchFromAsync(
        ClusterConnection connection, string name, string? resourceVersion, Func<JsonObject, bool> done, Action<JsonObject>? seen, CancellationToken cancellationToken)
    {
        var options = new WatchOptions
        {
            FieldSelector = $"metadata.name={name}",
            AllowWatchBookmarks = true,
            TimeoutSeconds = 240,
        };
        while (true)
        {
            try
            {
                await foreach (var change in connection.Client.WatchAsync(ClusterConnection.SequentialJobs, connection.Namespace, options with { ResourceVersion = resourceVersion }, cancellationToken))
                {
                    switch (change.Type)
                    {
                        case WatchEventType.Added or WatchEventType.Modified:
                            resourceVersion = change.ResourceVersion ?? resourceVersion;
                            seen?.Invoke(change.Item);
                            if (done(change.Item))
                            {
                                return change.Item;
                            }

                            break;
                        case WatchEventType.Bookmark:
                            resourceVersion = change.ResourceVersion ?? resourceVersion;
                            break;
                        case WatchEventType.Deleted:
                            throw new ClusterCommandException($"sequentialjob \"{name}\" was deleted from namespace \"{connection.Namespace}\"");
                        case WatchEventType.Error when change.Status?.Code == 410:
                            return null;
                        case WatchEventType.Error:
                            throw new ClusterCommandException($"watching sequentialjob \"{name}\" failed: {change.Status?.Message}");
                    }
                }
            }
            catch (KubernetesGoneException)
            {
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The stream broke (API server restart, idle proxy): read again, which fails cleanly if the cluster is gone.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return null;
            }

            // The server ended the watch (timeoutSeconds): resume from the last version seen.
        }
    }

    private static string? ResourceVersion(JsonObject obj) => (string?)obj["metadata"]?["resourceVersion"];
}
