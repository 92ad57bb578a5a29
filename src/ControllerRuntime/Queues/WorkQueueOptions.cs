namespace Kueueleuleu.ControllerRuntime.Queues;

/// <summary>How a <see cref="WorkQueue{T}"/> paces retries.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>The queue's name in logs and metrics.</summary>
    public string Name { get; init; } = "default";

    /// <summary>The delay of a key's first rate-limited retry; it doubles with every further failure.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest per-key retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>The sustained rate of rate-limited retries over all keys, per second.</summary>
    public double RetriesPerSecond { get; init; } = 10;

    /// <summary>How many rate-limited retries may happen at once before <see cref="RetriesPerSecond"/> applies.</summary>
    public int RetryBurst { get; init; } = 100;
}
