using System.Net;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Doubles_the_delay_up_to_the_bound()
    {
        var policy = RetryPolicy.Default;
        Assert.Equal(
            [250, 500, 1000, 2000, 2000],
            Enumerable.Range(1, 5).Select(attempt => policy.DelayAfter(attempt).TotalMilliseconds));
    }

    [Fact]
    public void Honours_a_longer_retry_after_within_the_bound()
    {
        var policy = RetryPolicy.Default;
        Assert.Equal(TimeSpan.FromSeconds(1.5), policy.DelayAfter(1, TimeSpan.FromSeconds(1.5)));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayAfter(1, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.DelayAfter(2, TimeSpan.Zero));
    }

    [Fact]
    public void Counts_attempts()
    {
        Assert.True(RetryPolicy.Default.HasAnotherAttempt(3));
        Assert.False(RetryPolicy.Default.HasAnotherAttempt(4));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void Retries_only_answers_that_may_change(HttpStatusCode status, bool retriable) =>
        Assert.Equal(retriable, RetryPolicy.IsRetriable(status));
}
