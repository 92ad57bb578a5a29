using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>What a <see cref="Reflector"/> mirrors and how it paces itself.</summary>
public sealed record ReflectorOptions
{
    /// <summary>The namespace; null for all namespaces (or a cluster-scoped resource).</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector restricting the objects.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector restricting the objects.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>The page size of lists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>The shortest server-side timeout of one watch; each watch picks a random one up to <see cref="MaxWatchTimeout"/>, so many reflectors do not reconnect together.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest server-side timeout of one watch.</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first wait after a failed list or a dropped watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Applied to every object as it arrives (list items and watch events) before it is stored and reported; may
    /// change the object in place and return it. Lets a cache keep a smaller object than the server sent. Null keeps
    /// objects as received.
    /// </summary>
    public Func<JsonObject, JsonObject>? Transform { get; init; }

    /// <summary>Called with every failure the reflector recovers from (logging).</summary>
    public Action<Exception>? OnError { get; init; }
}
