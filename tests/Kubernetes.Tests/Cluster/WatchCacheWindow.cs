using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// Pushes a resource version out of the API server's watch cache. The 1.20 cache keeps at least 100 events
/// and doubles while its oldest event is younger than 75 s, so the recipe is: many changes, then more
/// changes once the old ones are stale, until a watch from the version answers 410.
/// </summary>
public static class WatchCacheWindow
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    public static async Task PushOutAsync(IKubernetesClient client, ResourceType type, string ns, string name, string resourceVersion)
    {
        var deadline = DateTime.UtcNow + Limit;
        var n = 0;
        while (await WatchErrorAsync(client, type, ns, resourceVersion) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"resource version {resourceVersion} still in the watch cache after {n} changes and {Limit}");
            }

            for (var i = 0; i < 150; i++, n++)
            {
                await client.PatchAsync(type, ns, name, Patch.Merge(new JsonObject { ["spec"] = new JsonObject { ["n"] = n } }));
            }

            await Task.Delay(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>The error a watch from <paramref name="resourceVersion"/> reports at once (HTTP 410 or an ERROR event), or null when it streams.</summary>
    public static async Task<KubernetesApiException?> WatchErrorAsync(IKubernetesClient client, ResourceType type, string ns, string resourceVersion)
    {
        try
        {
            await foreach (var e in client.WatchAsync(type, ns, new WatchOptions { ResourceVersion = resourceVersion, TimeoutSeconds = 1 }))
            {
                if (e.Type == WatchEventType.Error)
                {
                    return KubernetesApiException.For(e.Status!, "WATCH");
                }
            }

            return null;
        }
        catch (KubernetesGoneException gone)
        {
            return gone;
        }
    }
}
