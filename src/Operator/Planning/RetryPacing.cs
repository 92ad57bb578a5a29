namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// How soon to try again something the API server refused (a Job it would not create): soon at first, then less often
/// the longer the refusal lasts, without keeping any state but the time the problem was first reported (the
/// <c>lastTransitionTime</c> of the condition that reports it). Waiting as long as the problem has lasted roughly doubles
/// the interval each time.
/// </summary>
internal static class RetryPacing
{
    /// <summary>The first retries come this soon: a quota freed or a permission granted is picked up quickly.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait: a refusal that lasts is still retried every few minutes, never every 1,000 s.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the next try, for a problem reported since <paramref name="since"/>.</summary>
    public static TimeSpan Next(DateTimeOffset? since, DateTimeOffset now)
    {
        var lasted = since is { } start ? now - start : TimeSpan.Zero;
        return lasted < Shortest ? Shortest : lasted > Longest ? Longest : lasted;
    }
}
