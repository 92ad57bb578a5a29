using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>Bucket counts, sum and count per label set.</summary>
internal sealed class HistogramAggregator(Instrument instrument, IReadOnlyList<double> bounds) : InstrumentAggregator(instrument, MetricType.Histogram)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = SeriesLabels.From(tags);
        var bucket = BucketOf(value);
        lock (gate)
        {
            if (!series.TryGetValue(labels.Key, out var data))
            {
                data = new Series(labels, new long[bounds.Count + 1]);
                series[labels.Key] = data;
            }

            data.Counts[bucket]++;
            data.Sum += value;
            data.Count++;
        }
    }

    public override MetricFamily Snapshot()
    {
        lock (gate)
        {
            var samples = series.Values
                .OrderBy(s => s.Labels.Key, StringComparer.Ordinal)
                .Select(s => new MetricSeries(s.Labels.Labels, s.Sum, new HistogramData(bounds, s.Counts.ToArray(), s.Sum, s.Count)))
                .ToList();
            return new MetricFamily(Name, Help, Type, samples);
        }
    }

    /// <summary>The first bucket whose bound is at least the value (Prometheus' <c>le</c> is inclusive).</summary>
    private int BucketOf(double value)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (value <= bounds[i])
            {
                return i;
            }
        }

        return bounds.Count;
    }

    private sealed class Series(SeriesLabels labels, long[] counts)
    {
        public SeriesLabels Labels { get; } = labels;

        public long[] Counts { get; } = counts;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
