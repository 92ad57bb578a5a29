using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// The bucket bounds the operator's histograms are exported with. An instrument's own advice wins; a histogram in
/// seconds without advice gets the Prometheus client libraries' default bounds, because OpenTelemetry's defaults
/// (0 to 10,000) are sized for milliseconds and would put every reconcile in the first bucket.
/// </summary>
public static class HistogramBuckets
{
    /// <summary>The Prometheus client libraries' default bounds, meant for durations in seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The bounds to export an instrument with, when the SDK's own choice would be wrong.</summary>
    /// <param name="instrument">Any instrument.</param>
    /// <returns>
    /// <see cref="Seconds"/> for a histogram in seconds that gives no bucket advice; null otherwise (not a histogram,
    /// another unit, or advice the SDK applies itself).
    /// </returns>
    public static IReadOnlyList<double>? Override(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var advised = instrument switch
        {
            Histogram<double> d => d.Advice?.HistogramBucketBoundaries is not null,
            Histogram<float> f => f.Advice?.HistogramBucketBoundaries is not null,
            Histogram<long> l => l.Advice?.HistogramBucketBoundaries is not null,
            Histogram<int> i => i.Advice?.HistogramBucketBoundaries is not null,
            _ => (bool?)null,
        };
        return advised == false && instrument.Unit == "s" ? Seconds : null;
    }
}
