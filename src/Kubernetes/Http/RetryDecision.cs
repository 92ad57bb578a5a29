using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Kueueleuleu.Kubernetes.Http;

/// <summary>The pure rules of what is retried and how long to wait; no I/O.</summary>
internal static class RetryDecision
{
    /// <summary>
    /// 429 means the server refused the request before processing it (priority and fairness, max-in-flight),
    /// so it is retried for every verb. 5xx may come after the change was stored, so only idempotent calls.
    /// </summary>
    public static bool IsRetryableStatus(HttpStatusCode code, RequestSafety safety) => code switch
    {
        HttpStatusCode.TooManyRequests => true,
        HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => safety == RequestSafety.Idempotent,
        _ => false,
    };

    /// <summary>
    /// A connection that could not be established (refused, unresolvable, TLS handshake failed) carried no
    /// request, so any call may be retried. Anything later (reset, premature end, timeout) may have reached
    /// the server: only idempotent calls.
    /// </summary>
    public static bool IsRetryableException(Exception exception, RequestSafety safety)
    {
        if (IsBeforeSend(exception))
        {
            return true;
        }

        return safety == RequestSafety.Idempotent && exception is HttpRequestException or IOException or TimeoutException;
    }

    /// <summary>Whether the failure certainly happened before any byte of the request was sent.</summary>
    public static bool IsBeforeSend(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
    } || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the server's Retry-After if any, else exponential backoff with jitter.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, RetryOptions options, Random random)
    {
        if (retryAfter is { } serverAsked)
        {
            return serverAsked < TimeSpan.Zero ? TimeSpan.Zero : serverAsked;
        }

        return ExponentialDelay(attempt, options.InitialDelay, options.MaxDelay, random);
    }

    /// <summary>
    /// <paramref name="initial"/> doubled per earlier attempt, capped at <paramref name="max"/>, with "equal
    /// jitter": half fixed, half random, so concurrent clients spread out but never retry at once.
    /// </summary>
    public static TimeSpan ExponentialDelay(int attempt, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }

    /// <summary>Reads Retry-After as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };
}
