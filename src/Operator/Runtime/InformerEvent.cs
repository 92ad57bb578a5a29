using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Runtime;

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

/// <summary>One change of an <see cref="Informer"/>'s cache. The objects are the cache's: do not change them.</summary>
/// <param name="Type">The change.</param>
/// <param name="OldObject">The previous state (updates and deletions; for a deletion the last known state).</param>
/// <param name="NewObject">The new state (additions and updates).</param>
public sealed record InformerEvent(InformerEventType Type, JsonObject? OldObject, JsonObject? NewObject)
{
    /// <summary>The most recent state: the new object, or for a deletion the last one.</summary>
    public JsonObject Latest => NewObject ?? OldObject!;
}
