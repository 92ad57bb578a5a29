namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// When to give memory back after a burst of work. A wave of new SequentialJobs promotes short-lived objects (watch
/// events, reconcile state) into the oldest generation, where they stay until a full collection, which the collector
/// does not start while the heap stays within its budget: measured after 5,000 SequentialJobs had finished, the
/// settled operator kept 136 MiB of heap and 197 MiB RSS for what a fresh process holds in 69 MiB and 99 MiB
/// (docs/benchmarks.md, "The operator at scale"). So, once every controller has been idle for
/// <see cref="IdleChecksBeforeCollecting"/> checks in a row and the committed memory has grown well beyond what was
/// left after the previous such collection, one aggressive collection returns it. Pure: the caller reads the memory
/// and the controllers and does the collection.
/// </summary>
/// <param name="BaselineBytes">Committed bytes after the last aggressive collection (or at the start).</param>
/// <param name="IdleChecks">Consecutive checks that found every controller idle.</param>
internal sealed record IdleCompaction(long BaselineBytes, int IdleChecks)
{
    /// <summary>Checks in a row that must find the controllers idle, so a pause between two events is not taken for the end of a burst.</summary>
    public const int IdleChecksBeforeCollecting = 2;

    /// <summary>Growth below this is never worth a full collection.</summary>
    public const long MinimumGrowthBytes = 16L * 1024 * 1024;

    /// <summary>The policy right after a collection that left <paramref name="committedBytes"/>.</summary>
    /// <param name="committedBytes">The GC's committed bytes after that collection.</param>
    /// <returns>A policy that waits for growth beyond them.</returns>
    public static IdleCompaction After(long committedBytes) => new(committedBytes, 0);

    /// <summary>
    /// Takes one check: whether the controllers are idle now, and the GC's committed bytes. Collect is true when memory
    /// grew by half the baseline (at least <see cref="MinimumGrowthBytes"/>) and the controllers stayed idle long enough:
    /// collecting once per such growth bounds what full collections cost while the cached data itself grows.
    /// </summary>
    /// <param name="idle">Every running controller has nothing queued or in progress.</param>
    /// <param name="committedBytes">The GC's committed bytes now.</param>
    /// <returns>The next policy, and whether to collect now.</returns>
    public (IdleCompaction Next, bool Collect) Observe(bool idle, long committedBytes)
    {
        var next = this with { IdleChecks = idle ? IdleChecks + 1 : 0 };
        var grown = committedBytes - BaselineBytes >= Math.Max(MinimumGrowthBytes, BaselineBytes / 2);
        return (next, grown && next.IdleChecks >= IdleChecksBeforeCollecting);
    }
}
