using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>
/// The bucket bounds of a histogram: the instrument's advice; else, for durations in seconds, Prometheus' client
/// defaults (OpenTelemetry's defaults assume milliseconds and would put every reconcile in the first bucket);
/// else OpenTelemetry's defaults.
/// </summary>
public static class HistogramBounds
{
    /// <summary>The Prometheus client libraries' default bounds, meant for durations in seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>OpenTelemetry's default explicit bounds, used when an instrument gives no advice.</summary>
    public static IReadOnlyList<double> Default { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>The bounds for an instrument, ascending and without duplicates.</summary>
    /// <param name="instrument">The histogram.</param>
    /// <returns>The bounds.</returns>
    public static IReadOnlyList<double> Of(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries,
            Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var bounds = advised?.Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order().ToList();
        return bounds is { Count: > 0 } ? bounds : instrument.Unit == "s" ? Seconds : Default;
    }
}
