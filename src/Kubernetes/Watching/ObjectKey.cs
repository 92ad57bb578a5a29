using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>The cache key of an object: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class ObjectKey
{
    /// <summary>Computes the key.</summary>
    /// <param name="item">The object.</param>
    /// <returns>The key.</returns>
    public static string Of(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var metadata = item["metadata"];
        var name = (string?)metadata?["name"] ?? throw new ArgumentException("the object has no metadata.name", nameof(item));
        return (string?)metadata?["namespace"] is { Length: > 0 } ns ? $"{ns}/{name}" : name;
    }

    /// <summary>The object's <c>metadata.resourceVersion</c>, or null.</summary>
    /// <param name="item">The object.</param>
    /// <returns>The resource version.</returns>
    public static string? ResourceVersionOf(JsonObject item) => (string?)item?["metadata"]?["resourceVersion"];
}
