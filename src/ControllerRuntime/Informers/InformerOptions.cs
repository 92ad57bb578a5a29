using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.ControllerRuntime.Informers;

/// <summary>Which objects an <see cref="Informer"/> caches and how.</summary>
public sealed record InformerOptions
{
    /// <summary>The label every object of the operator carries; the selector its informers use for Jobs and Pods.</summary>
    public const string ManagedBySelector = "app.kubernetes.io/managed-by=kueueleuleu";

    /// <summary>The namespace; null for all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector; only matching objects are listed, watched and cached.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Whether to drop <c>metadata.managedFields</c> from cached objects (they are often half an object's size).</summary>
    public bool PruneManagedFields { get; init; } = true;

    /// <summary>
    /// Trims each object in place as it arrives, before it is cached and handed to handlers, so the cache holds only
    /// what its consumers read (like client-go's transform); the informer keeps the text of what is left
    /// (<see cref="Kubernetes.Watching.StoredObject"/>). Null keeps objects whole (apart from <see cref="PruneManagedFields"/>).
    /// </summary>
    public Action<JsonObject>? Trim { get; init; }

    /// <summary>Watch pacing (timeouts, backoff, page size); its namespace, selectors and error callback are replaced by this informer's.</summary>
    public ReflectorOptions Watch { get; init; } = new();
}
