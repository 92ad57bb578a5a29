using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.Objects;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Read-your-own-writes for SequentialJob status: the object a status write returned stands in for the cached one
/// until the cache has moved past the version that write replaced. Without it, a Pod event that arrives before the
/// watch delivers the operator's own previous write is planned on the old version and its write fails with 409
/// Conflict, and the step's new state waits for that event and one more round trip.
/// </summary>
/// <remarks>
/// Only equality of resource versions is used (they are opaque): while the cache still holds exactly the version the
/// write replaced, the written object is newer. Any other cached version (the write's own, or a later one from
/// anybody) ends the stand-in. Entries live from a write until the cache shows the next version, milliseconds.
/// </remarks>
internal sealed class OwnStatusWrites
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> entries = new();

    /// <summary>The number of writes whose version the cache has not shown yet.</summary>
    public int Count => entries.Count;

    /// <summary>Remembers a successful status write.</summary>
    /// <param name="replaced">The object the write was based on (its resourceVersion is the one replaced).</param>
    /// <param name="written">The object the API server returned; shared from now on, so it must not be changed.</param>
    public void Remember(JsonObject replaced, JsonObject written)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(written);
        ObjectMetadata.PruneManagedFields(written);
        SharedJson.Materialize(written);
        entries[ObjectKey.Of(written)] = new Entry(ObjectMetadata.ResourceVersion(replaced), written);
    }

    /// <summary>The freshest known version of a SequentialJob: the written one while the cache is behind it.</summary>
    /// <param name="key">The SequentialJob's key.</param>
    /// <param name="cached">What the cache holds for it.</param>
    /// <returns><paramref name="cached"/>, or the object the last status write returned.</returns>
    public JsonObject Current(ObjectKey key, JsonObject cached)
    {
        ArgumentNullException.ThrowIfNull(cached);
        if (!entries.TryGetValue(key, out var entry))
        {
            return cached;
        }

        if (entry.Replaced is not null && entry.Replaced == ObjectMetadata.ResourceVersion(cached))
        {
            return entry.Written;
        }

        entries.TryRemove(KeyValuePair.Create(key, entry));
        return cached;
    }

    /// <summary>Forgets a write once the cache shows another version of its object, or the object is gone.</summary>
    /// <param name="change">A change of the SequentialJob cache.</param>
    public void Observe(InformerEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = change.Key;
        if (entries.TryGetValue(key, out var entry)
            && (change.NewObject is null || ObjectMetadata.ResourceVersion(change.NewObject) != entry.Replaced))
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    private sealed record Entry(string? Replaced, JsonObject Written);
}
