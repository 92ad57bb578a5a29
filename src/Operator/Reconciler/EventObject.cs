using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>Builds <c>core/v1</c> Events the way client-go's legacy recorder does, so <c>kubectl describe</c> shows them.</summary>
public static class EventObject
{
    /// <summary>The <c>source.component</c> and <c>reportingComponent</c> of every Event.</summary>
    public const string Component = "kueueleuleu-operator";

    /// <summary>Builds a new Event about <paramref name="involved"/>.</summary>
    /// <param name="involved">The object the Event is about (needs apiVersion, kind and metadata).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">The CamelCase reason.</param>
    /// <param name="message">The message.</param>
    /// <param name="now">The time of the first (and last) occurrence.</param>
    /// <param name="instance">The reporting instance: this replica's identity.</param>
    /// <returns>The Event.</returns>
    public static JsonObject Create(JsonObject involved, string type, string reason, string message, DateTimeOffset now, string instance)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var metadata = involved["metadata"] as JsonObject ?? [];
        var name = metadata["name"]?.GetValue<string>() ?? throw new ArgumentException("the involved object has no name", nameof(involved));
        var ns = metadata["namespace"]?.GetValue<string>();
        var timestamp = Timestamp(now);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                // client-go's naming: the object's name and the time in hex nanoseconds; unique enough per object.
                ["name"] = $"{name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}",
                ["namespace"] = ns,
            },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = involved["apiVersion"]?.DeepClone(),
                ["kind"] = involved["kind"]?.DeepClone(),
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
            },
            ["type"] = type,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = Component },
            ["reportingComponent"] = Component,
            ["reportingInstance"] = instance,
            ["firstTimestamp"] = timestamp,
            ["lastTimestamp"] = timestamp,
            ["count"] = 1,
        };
    }

    /// <summary>A merge patch that records one more occurrence of an Event.</summary>
    /// <param name="count">The new count.</param>
    /// <param name="now">The time of this occurrence.</param>
    /// <returns>The patch.</returns>
    public static JsonObject Repeat(int count, DateTimeOffset now) => new()
    {
        ["count"] = count,
        ["lastTimestamp"] = Timestamp(now),
    };

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
