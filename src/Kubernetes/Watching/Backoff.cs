using Kueueleuleu.Kubernetes.Http;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>The retry backoff of the transport, counting consecutive failures and reset after a success.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int failures;

    public TimeSpan Next() => RetryDecision.ExponentialDelay(++failures, initial, max, Random.Shared);

    public void Reset() => failures = 0;
}
