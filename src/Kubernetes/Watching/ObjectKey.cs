using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>The cache key of an object: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class ObjectKey
{
    /// <summary>Formats the key.</summary>
    /// <param name="ns">The namespace; null or empty for a cluster-scoped object.</param>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>The object's <c>metadata.namespace</c> (null when absent or empty) and <c>metadata.name</c>.</summary>
    /// <param name="item">The object.</param>
    /// <returns>The namespace and name.</returns>
    /// <exception cref="ArgumentException">The object has no metadata.name.</exception>
    public static (string? Namespace, string Name) NamespaceAndName(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var metadata = item["metadata"];
        var name = (string?)metadata?["name"] ?? throw new ArgumentException("the object has no metadata.name", nameof(item));
        return ((string?)metadata?["namespace"] is { Length: > 0 } ns ? ns : null, name);
    }

    /// <summary>The object's <c>metadata.resourceVersion</c>, or null.</summary>
    /// <param name="item">The object.</param>
    /// <returns>The resource version.</returns>
    public static string? ResourceVersionOf(JsonObject item) => (string?)item?["metadata"]?["resourceVersion"];
}
