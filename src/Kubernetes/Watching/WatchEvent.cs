using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    /// <summary>The object was created (or is part of the initial state).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change: the object only carries a newer <c>metadata.resourceVersion</c> to resume from.</summary>
    Bookmark,

    /// <summary>The watch failed; the object is a <c>Status</c> (code 410 means: list again).</summary>
    Error,
}

/// <summary>One event of a watch stream.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Item">The object (a <c>Status</c> for <see cref="WatchEventType.Error"/>).</param>
public sealed record WatchEvent(WatchEventType Type, JsonObject Item)
{
    /// <summary>The object's <c>metadata.resourceVersion</c>, or null.</summary>
    public string? ResourceVersion => (string?)Item["metadata"]?["resourceVersion"];

    /// <summary>For <see cref="WatchEventType.Error"/>: the status; otherwise null.</summary>
    public KubernetesStatus? Status => Type == WatchEventType.Error ? KubernetesStatus.FromStatusObject(Item) : null;

    /// <summary>Parses one line of a watch stream.</summary>
    /// <param name="line">The JSON line <c>{"type": ..., "object": ...}</c>.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FormatException">The line is not a watch event.</exception>
    public static WatchEvent Parse(string line)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"watch stream: not JSON: {Truncate(line)}", e);
        }

        var type = ParseType((string?)root?["type"]) ?? throw new FormatException($"watch stream: unknown event type in {Truncate(line)}");
        var obj = root!["object"] as JsonObject ?? throw new FormatException($"watch stream: event without object: {Truncate(line)}");
        root.Remove("object");
        return new WatchEvent(type, obj);
    }

    private static WatchEventType? ParseType(string? type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => null,
    };

    private static string Truncate(string line) => line.Length <= 200 ? line : line[..200] + "...";
}
