using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.ControllerRuntime.Informers;

/// <summary>What happened to a cached object.</summary>
public enum InformerEventType
{
    /// <summary>The object appeared in the cache.</summary>
    Added,

    /// <summary>The object changed (a new resource version).</summary>
    Updated,

    /// <summary>The object left the cache (deleted, or no longer matching the selector).</summary>
    Deleted,
}

/// <summary>
/// One change of an <see cref="Informer"/>'s cache. The objects are this event's own trees, parsed on first read (the
/// cache keeps text), so a handler that only needs <see cref="Key"/> parses nothing. Handlers run one at a time; an
/// event is not meant to be read from several threads at once.
/// </summary>
public sealed class InformerEvent
{
    private Func<JsonObject?>? readOld;
    private Func<JsonObject?>? readNew;
    private JsonObject? oldObject;
    private JsonObject? newObject;

    /// <summary>An event over objects at hand.</summary>
    /// <param name="type">The change.</param>
    /// <param name="oldObject">The previous state (updates and deletions; for a deletion the last known state).</param>
    /// <param name="newObject">The new state (additions and updates).</param>
    public InformerEvent(InformerEventType type, JsonObject? oldObject, JsonObject? newObject)
        : this(type, ObjectKey.Of(newObject ?? oldObject ?? throw new ArgumentException("an event needs an object")), null, null)
    {
        this.oldObject = oldObject;
        this.newObject = newObject;
    }

    /// <summary>An event whose objects are read when first asked for.</summary>
    /// <param name="type">The change.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="readOld">Reads the previous state; null when there is none.</param>
    /// <param name="readNew">Reads the new state; null when there is none.</param>
    public InformerEvent(InformerEventType type, ObjectKey key, Func<JsonObject?>? readOld, Func<JsonObject?>? readNew)
    {
        Type = type;
        Key = key;
        this.readOld = readOld;
        this.readNew = readNew;
    }

    /// <summary>The change.</summary>
    public InformerEventType Type { get; }

    /// <summary>The object's key.</summary>
    public ObjectKey Key { get; }

    /// <summary>The previous state (updates and deletions; for a deletion the last known state).</summary>
    public JsonObject? OldObject => Read(ref oldObject, ref readOld);

    /// <summary>The new state (additions and updates).</summary>
    public JsonObject? NewObject => Read(ref newObject, ref readNew);

    /// <summary>The most recent state: the new object, or for a deletion the last one.</summary>
    public JsonObject Latest => NewObject ?? OldObject!;

    private static JsonObject? Read(ref JsonObject? value, ref Func<JsonObject?>? read)
    {
        if (read is { } pending)
        {
            value = pending();
            read = null;
        }

        return value;
    }
}
