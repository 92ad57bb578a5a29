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
/// <param name="Type">The change.</param>
/// <param name="Item">The object (null for <see cref="ReflectorEventType.Synced"/>).</param>
public sealed record ReflectorEvent(ReflectorEventType Type, JsonObject? Item);
