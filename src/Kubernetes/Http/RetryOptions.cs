namespace Kueueleuleu.Kubernetes.Http;

/// <summary>How failed calls are retried. See docs/kubernetes-client.md for which calls are retried when.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in total, the first included; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The backoff before the first retry; it doubles each time, with jitter.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the call instead of stalling it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called before each retry (logging, metrics).</summary>
    public Action<RetryNotice>? OnRetry { get; init; }

    /// <summary>No retries at all.</summary>
    public static RetryOptions None { get; } = new() { MaxAttempts = 1 };
}

/// <summary>A retry about to happen.</summary>
/// <param name="Request">The verb and path.</param>
/// <param name="Attempt">The attempt that failed (1 for the first).</param>
/// <param name="Delay">The wait before the next attempt.</param>
/// <param name="Cause">What failed: an HTTP status or the connection error.</param>
public sealed record RetryNotice(string Request, int Attempt, TimeSpan Delay, string Cause);
