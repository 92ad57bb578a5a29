using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>The kinds of PATCH the API server accepts.</summary>
public enum PatchType
{
    /// <summary>JSON merge patch (RFC 7386): objects merge, lists are replaced, null deletes.</summary>
    Merge,

    /// <summary>JSON patch (RFC 6902): a list of operations.</summary>
    Json,

    /// <summary>Strategic merge patch: lists with merge keys (containers by name) merge element-wise. Built-in types only.</summary>
    StrategicMerge,

    /// <summary>Server-side apply: the body is the full intent of one field manager.</summary>
    Apply,
}

/// <summary>A patch body with its type.</summary>
/// <param name="Type">The patch type (decides the Content-Type).</param>
/// <param name="Body">The body: an object for merge/strategic/apply, an array of operations for JSON patch.</param>
public sealed record Patch(PatchType Type, JsonNode Body)
{
    /// <summary>The HTTP Content-Type of <see cref="Type"/>.</summary>
    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new InvalidOperationException($"unknown patch type {Type}"),
    };

    /// <summary>A JSON merge patch.</summary>
    /// <param name="body">The partial object.</param>
    /// <returns>The patch.</returns>
    public static Patch Merge(JsonObject body) => new(PatchType.Merge, body);

    /// <summary>A JSON patch.</summary>
    /// <param name="operations">The operations (<c>op</c>, <c>path</c>, <c>value</c>).</param>
    /// <returns>The patch.</returns>
    public static Patch Json(JsonArray operations) => new(PatchType.Json, operations);

    /// <summary>A strategic merge patch.</summary>
    /// <param name="body">The partial object.</param>
    /// <returns>The patch.</returns>
    public static Patch StrategicMerge(JsonObject body) => new(PatchType.StrategicMerge, body);

    /// <summary>A server-side apply configuration (JSON is valid YAML, so it is sent as JSON).</summary>
    /// <param name="body">The applied configuration with apiVersion, kind and metadata.name.</param>
    /// <returns>The patch.</returns>
    public static Patch Apply(JsonObject body) => new(PatchType.Apply, body);
}
