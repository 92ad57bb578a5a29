using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Objects;

/// <summary>
/// Names one object: its namespace (empty when cluster-scoped) and name. The cache key of the client's Reflector (as
/// text, <see cref="ToString"/>) and the unit of work of a controller.
/// </summary>
/// <param name="Namespace">The namespace; empty for a cluster-scoped object.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <summary>The key of an object, from its <c>metadata</c> (an empty namespace is cluster-scoped).</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The object has no <c>metadata.name</c>.</exception>
    public static ObjectKey Of(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = ObjectMetadata.Name(obj) ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        return new ObjectKey(ObjectMetadata.Namespace(obj) ?? "", name);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> when cluster-scoped (the form kubectl and logs use).</summary>
    /// <param name="ns">The namespace; null or empty for a cluster-scoped object.</param>
    /// <param name="name">The name.</param>
    /// <returns>The text.</returns>
    public static string Text(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>The namespace as the client's types hold it: <see langword="null"/> when cluster-scoped.</summary>
    public string? NamespaceOrNull => Namespace.Length == 0 ? null : Namespace;

    /// <summary><c>namespace/name</c>, or <c>name</c> when cluster-scoped (the form kubectl and logs use).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text(Namespace, Name);
}
