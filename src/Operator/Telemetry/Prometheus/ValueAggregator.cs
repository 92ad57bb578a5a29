using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>How a <see cref="ValueAggregator"/> combines measurements.</summary>
internal enum ValueMode
{
    /// <summary>Sum the increments (counters, up-down counters).</summary>
    Add,

    /// <summary>Keep the last value (synchronous gauges).</summary>
    Set,

    /// <summary>Keep the value the latest observation reported; forget series it no longer reports.</summary>
    Observe,
}

/// <summary>One number per label set: counters and gauges.</summary>
internal sealed class ValueAggregator(Instrument instrument, MetricType type, ValueMode mode) : InstrumentAggregator(instrument, type)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (SeriesLabels Labels, double Value)> series = new(StringComparer.Ordinal);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = SeriesLabels.From(tags);
        lock (gate)
        {
            var previous = series.TryGetValue(labels.Key, out var existing) ? existing.Value : 0;
            series[labels.Key] = (labels, mode == ValueMode.Add ? previous + value : value);
        }
    }

    public override void BeginCollection()
    {
        if (mode != ValueMode.Observe)
        {
            return;
        }

        lock (gate)
        {
            series.Clear();
        }
    }

    public override MetricFamily Snapshot()
    {
        lock (gate)
        {
            var samples = series.Values
                .OrderBy(s => s.Labels.Key, StringComparer.Ordinal)
                .Select(s => new MetricSeries(s.Labels.Labels, s.Value))
                .ToList();
            return new MetricFamily(Name, Help, Type, samples);
        }
    }
}
