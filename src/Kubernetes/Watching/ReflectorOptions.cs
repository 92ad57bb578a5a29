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

    /// <summary>
    /// The shortest server-side timeout of one watch; each watch picks a random one up to <see cref="MaxWatchTimeout"/>,
    /// so many reflectors do not reconnect together. The server ends a watch cleanly at its timeout, so that end is the
    /// one heartbeat every healthy watch is sure to send (bookmarks are not: see <see cref="IdleTimeout"/>).
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The longest server-side timeout of one watch; shorter than <see cref="IdleTimeout"/>.</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a watch may deliver nothing (no event, no bookmark, no end) before it is presumed dead and resumed
    /// elsewhere: a connection dropped by a load balancer or NAT without a reset is otherwise silent forever. The API
    /// server sends a bookmark about once a minute, but only once its resource saw a change since it started, so a
    /// healthy quiet watch may be silent until its server-side timeout: the bound must exceed
    /// <see cref="MaxWatchTimeout"/>, with room for a slow server.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(75);

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

    /// <summary>Called when a watch is open again after failures, with the streak that ended (logging).</summary>
    public Action<ReflectorFailure>? OnRecovered { get; init; }

    /// <summary>Checks the timings.</summary>
    /// <exception cref="ArgumentException">A watch could be presumed dead before the server ends it, or a bound is not positive.</exception>
    public void Validate()
    {
        if (MinWatchTimeout < TimeSpan.FromSeconds(1) || MaxWatchTimeout < MinWatchTimeout)
        {
            throw new ArgumentException($"watch timeouts must be at least 1s with MinWatchTimeout <= MaxWatchTimeout (were {MinWatchTimeout} and {MaxWatchTimeout})");
        }

        if (IdleTimeout <= MaxWatchTimeout)
        {
            throw new ArgumentException($"IdleTimeout ({IdleTimeout}) must be longer than MaxWatchTimeout ({MaxWatchTimeout}), or healthy quiet watches would be presumed dead");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"backoffs must be positive with InitialBackoff <= MaxBackoff (were {InitialBackoff} and {MaxBackoff})");
        }
    }
}
