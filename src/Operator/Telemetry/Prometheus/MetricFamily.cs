namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>The Prometheus metric types the endpoint writes.</summary>
public enum MetricType
{
    /// <summary>A monotonically increasing total.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Cumulative buckets, a sum and a count.</summary>
    Histogram,
}

/// <summary>One metric family of a scrape: a name, its help and type, and one series per label set.</summary>
/// <param name="Name">The Prometheus name, already sanitised and suffixed (<c>_total</c>, <c>_seconds</c>).</param>
/// <param name="Help">The help text (unescaped).</param>
/// <param name="Type">The type.</param>
/// <param name="Series">The series.</param>
public sealed record MetricFamily(string Name, string Help, MetricType Type, IReadOnlyList<MetricSeries> Series);

/// <summary>One series: its labels and its value, or its histogram.</summary>
/// <param name="Labels">The labels in the order they are written (unescaped values).</param>
/// <param name="Value">The value of a counter or gauge.</param>
/// <param name="Histogram">The data of a histogram series; null for counters and gauges.</param>
public sealed record MetricSeries(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, HistogramData? Histogram = null);

/// <summary>A histogram series: per-bucket (not cumulative) counts, the last one for values above every bound.</summary>
/// <param name="Bounds">The upper bounds, ascending.</param>
/// <param name="BucketCounts">Counts per bucket; one more than <paramref name="Bounds"/> (the +Inf bucket).</param>
/// <param name="Sum">The sum of all values.</param>
/// <param name="Count">How many values.</param>
public sealed record HistogramData(IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts, double Sum, long Count);
