using System.Text.Json.Nodes;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The SequentialJob's labels and annotations that its Job inherits, so that what reads a Job's metadata (Kueue's
/// <c>kueue.x-k8s.io/queue-name</c>, priority classes, cost allocation) works as on a Job written by hand. Left out:
/// kubectl's last-applied annotation (it describes the SequentialJob, and is as large as its spec), every key of the
/// operator's own domain, and the keys with which Argo CD and Flux mark what they applied (the SequentialJob was
/// applied by them, the Job by the operator: a copied mark could make them prune the Job); the operator's own keys
/// always win.
/// </summary>
internal static class InheritedMetadata
{
    private const string OwnPrefix = SequentialJobApi.Group + "/";

    /// <summary>The inherited entries of <paramref name="fromSource"/>, then <paramref name="own"/> over them.</summary>
    public static JsonObject Merge(JsonObject? fromSource, JsonObject own)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in fromSource ?? [])
        {
            if (Inherited(key) && value is JsonValue)
            {
                merged[key] = value.DeepClone();
            }
        }

        foreach (var (key, value) in own)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static bool Inherited(string key) =>
        key != CachedFields.LastAppliedAnnotation
        && !key.StartsWith(OwnPrefix, StringComparison.Ordinal)
        && !key.StartsWith("argocd.argoproj.io/", StringComparison.Ordinal)
        && !PrefixOf(key).EndsWith(".toolkit.fluxcd.io", StringComparison.Ordinal);

    private static string PrefixOf(string key) => key.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? key[..slash] : string.Empty;
}
