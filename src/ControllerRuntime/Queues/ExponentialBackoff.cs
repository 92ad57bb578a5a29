namespace Kueueleuleu.ControllerRuntime.Queues;

/// <summary>Per-key exponential delays: base, 2 x base, 4 x base, ... up to a cap, until the key is forgotten.</summary>
/// <typeparam name="T">The key type.</typeparam>
internal sealed class ExponentialBackoff<T>(TimeSpan baseDelay, TimeSpan maxDelay)
    where T : notnull
{
    private readonly Dictionary<T, int> failures = [];

    /// <summary>The delay before the next retry of <paramref name="item"/>; counts one more failure.</summary>
    public TimeSpan Next(T item)
    {
        var count = failures.GetValueOrDefault(item);
        failures[item] = count + 1;
        // 2^60 x 5 ms overflows nothing in double arithmetic; the cap bounds the result.
        var delay = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(count, 60));
        return delay >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(delay);
    }

    public int Failures(T item) => failures.GetValueOrDefault(item);

    public void Forget(T item) => failures.Remove(item);
}
