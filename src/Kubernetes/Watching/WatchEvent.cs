using System.Buffers;
using System.Text;
using System.Text.Json;
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
    public static WatchEvent Parse(string line) => Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line ?? throw new ArgumentNullException(nameof(line)))));

    /// <summary>Parses one line of a watch stream from its UTF-8 bytes, which the event does not keep.</summary>
    /// <param name="line">The JSON line <c>{"type": ..., "object": ...}</c>, possibly in several segments.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FormatException">The line is not a watch event.</exception>
    public static WatchEvent Parse(ReadOnlySequence<byte> line)
    {
        JsonObject? root;
        try
        {
            var reader = new Utf8JsonReader(line);
            root = JsonNode.Parse(ref reader) as JsonObject;
            if (reader.Read())
            {
                throw new JsonException("more than one JSON value on the line");
            }
        }
        catch (JsonException e)
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

    private static string Truncate(ReadOnlySequence<byte> line) =>
        line.Length <= 200 ? Encoding.UTF8.GetString(line) : Encoding.UTF8.GetString(line.Slice(0, 200)) + "...";
}
