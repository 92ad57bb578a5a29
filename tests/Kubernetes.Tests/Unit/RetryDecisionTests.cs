using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Kueueleuleu.Kubernetes.Http;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class RetryDecisionTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, RequestSafety.NonIdempotent, true)]
    [InlineData(HttpStatusCode.TooManyRequests, RequestSafety.Idempotent, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, RequestSafety.Idempotent, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, RequestSafety.NonIdempotent, false)]
    [InlineData(HttpStatusCode.InternalServerError, RequestSafety.NonIdempotent, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, RequestSafety.Idempotent, true)]
    [InlineData(HttpStatusCode.NotImplemented, RequestSafety.Idempotent, false)]
    [InlineData(HttpStatusCode.Conflict, RequestSafety.Idempotent, false)]
    [InlineData(HttpStatusCode.NotFound, RequestSafety.Idempotent, false)]
    internal void Statuses(HttpStatusCode code, RequestSafety safety, bool retried) =>
        Assert.Equal(retried, RetryDecision.IsRetryableStatus(code, safety));

    [Fact]
    public void A_connection_that_never_opened_is_retried_even_for_a_create()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(RetryDecision.IsRetryableException(refused, RequestSafety.NonIdempotent));
    }

    [Fact]
    public void A_failure_after_sending_is_retried_only_for_idempotent_calls()
    {
        var ended = new HttpRequestException(HttpRequestError.ResponseEnded, "ended");
        var reset = new IOException("reset", new SocketException((int)SocketError.ConnectionReset));

        Assert.False(RetryDecision.IsRetryableException(ended, RequestSafety.NonIdempotent));
        Assert.False(RetryDecision.IsRetryableException(reset, RequestSafety.NonIdempotent));
        Assert.False(RetryDecision.IsRetryableException(new TimeoutException(), RequestSafety.NonIdempotent));
        Assert.True(RetryDecision.IsRetryableException(ended, RequestSafety.Idempotent));
        Assert.True(RetryDecision.IsRetryableException(reset, RequestSafety.Idempotent));
    }

    [Fact]
    public void Retry_after_wins_over_backoff_and_backoff_is_capped_with_jitter()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        var random = new Random(7);

        Assert.Equal(TimeSpan.FromSeconds(3), RetryDecision.Delay(1, TimeSpan.FromSeconds(3), options, random));
        for (var attempt = 1; attempt < 40; attempt++)
        {
            var delay = RetryDecision.Delay(attempt, null, options, random);
            var cap = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
            Assert.InRange(delay.TotalMilliseconds, cap / 2, cap);
        }
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_date()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(2), RetryDecision.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)), now));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryDecision.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(5)), now));
        Assert.Null(RetryDecision.RetryAfter(null, now));
    }
}
