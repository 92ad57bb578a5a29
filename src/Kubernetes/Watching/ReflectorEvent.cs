using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>What a <see cref="Reflector"/> reports.</summary>
public enum ReflectorEventType
{
    /// <summary>An object appeared (watched, or found by a list).</summary>
    Added,

    /// <summary>An object changed (watched, or found changed by a relist).</summary>
    Modified,

    /// <summary>An object disappeared (watched, or missing from a relist); carries its last known state.</summary>
    Deleted,

    /// <summary>A list completed: the store now matches the server at that list's resource version.</summary>
    Synced,
}

/// <summary>One change of a <see cref="Reflector"/>'s store.</summary>
public sealed class ReflectorEvent
{
    private JsonObject? item;

    /// <summary>Creates the event.</summary>
    /// <param name="type">The change.</param>
    /// <param name="stored">The object as stored (null for <see cref="ReflectorEventType.Synced"/>).</param>
    /// <param name="item">The object already parsed, when the reflector has it; otherwise parsed from <paramref name="stored"/> on first read.</param>
    public ReflectorEvent(ReflectorEventType type, StoredObject? stored, JsonObject? item = null)
    {
        Type = type;
        Stored = stored;
        this.item = item;
    }

    /// <summary>The change.</summary>
    public ReflectorEventType Type { get; }

    /// <summary>The object as the store keeps it (for a deletion, its last known state); null for <see cref="ReflectorEventType.Synced"/>.</summary>
    public StoredObject? Stored { get; }

    /// <summary>The object as a tree, this event's own (not shared with the store); null for <see cref="ReflectorEventType.Synced"/>.</summary>
    public JsonObject? Item => item ??= Stored?.Parse();
}
