namespace Kueueleuleu.ControllerRuntime.Queues;

/// <summary>
/// A token bucket that hands out reservations: each call takes a token, and when none is left it returns how
/// long until the taken token would have refilled. It bounds the overall retry rate when many keys fail at once.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double perSecond;
    private readonly double burst;
    private readonly TimeProvider time;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = time;
        tokens = burst;
        last = time.GetTimestamp();
    }

    /// <summary>Takes a token; returns how long the caller must wait for it (zero while the bucket has tokens).</summary>
    public TimeSpan Reserve()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(burst, tokens + (time.GetElapsedTime(last, now).TotalSeconds * perSecond));
        last = now;
        tokens--;
        // Negative tokens are reservations already promised to earlier callers: this one waits behind them.
        return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
    }
}
