namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>Options of a watch call.</summary>
public sealed record WatchOptions
{
    /// <summary>Start after this resource version (from a list or a previous event); null starts with synthetic ADDED events for the current state.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server for BOOKMARK events that carry a newer resource version without an object change.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>The server ends the stream cleanly after this many seconds.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// How long the stream may stay silent (no event, no bookmark, no end) before it is presumed dead: the watch then
    /// fails with <see cref="Watching.WatchIdleException"/> and its connection is closed. A connection that a load
    /// balancer or NAT dropped without a reset delivers nothing and never ends, so without this bound the watch would
    /// wait forever. Pick it longer than <see cref="TimeoutSeconds"/> (the server then ends a healthy quiet watch
    /// first). Null waits forever.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Called once the server accepted the watch (its answer's headers arrived), before any event.</summary>
    public Action? Opened { get; init; }

    internal string ToQuery() => new QueryString()
        .Add("watch", true)
        .Add("resourceVersion", ResourceVersion)
        .Add("allowWatchBookmarks", AllowWatchBookmarks)
        .Add("timeoutSeconds", TimeoutSeconds)
        .Add("labelSelector", LabelSelector)
        .Add("fieldSelector", FieldSelector)
        .ToString();
}
