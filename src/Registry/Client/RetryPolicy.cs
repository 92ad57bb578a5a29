using System.Net;

namespace Kueueleuleu.Registry;

/// <summary>
/// When a registry request is tried again: on a failed connection, a request that got no answer in time, and the
/// answers that mean "not now" (5xx, 429 Too Many Requests); never on 401, 403 or 404, which will not change by asking
/// again. The delay doubles from <see cref="InitialDelay"/> up to <see cref="MaxDelay"/>; a Retry-After the registry
/// sends is honoured within the same bound. The lookup's own timeout bounds everything.
/// </summary>
/// <param name="MaxAttempts">How many times one request is sent at most (the first try included).</param>
/// <param name="InitialDelay">The delay before the second try.</param>
/// <param name="MaxDelay">The longest delay between tries.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    /// <summary>Four tries, 250 ms, 500 ms and 1 s apart (at most 2 s).</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

    /// <summary>Whether an HTTP status is worth asking again for.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for 5xx and 429.</returns>
    public static bool IsRetriable(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    /// <summary>Whether another try follows a failed one.</summary>
    /// <param name="attempt">The number of the try that failed (1 for the first).</param>
    /// <returns><see langword="true"/> while tries remain.</returns>
    public bool HasAnotherAttempt(int attempt) => attempt < MaxAttempts;

    /// <summary>The delay after a failed try.</summary>
    /// <param name="attempt">The number of the try that failed (1 for the first).</param>
    /// <param name="retryAfter">The registry's Retry-After, if it sent one.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter = null)
    {
        var backoff = InitialDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var delay = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
