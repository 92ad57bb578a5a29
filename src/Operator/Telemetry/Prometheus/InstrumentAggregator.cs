using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>Aggregates the measurements of one instrument, per label set, for the Prometheus endpoint.</summary>
internal abstract class InstrumentAggregator
{
    protected InstrumentAggregator(Instrument instrument, MetricType type)
    {
        Instrument = instrument;
        Type = type;
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, type);
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The Prometheus type.</summary>
    public MetricType Type { get; }

    /// <summary>The Prometheus name.</summary>
    public string Name { get; }

    /// <summary>The help text: the instrument's description, else its name.</summary>
    public string Help => string.IsNullOrEmpty(Instrument.Description) ? Instrument.Name : Instrument.Description;

    /// <summary>Records one measurement.</summary>
    /// <param name="value">The value.</param>
    /// <param name="tags">The tags.</param>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments are read, so series no callback reports any more disappear.</summary>
    public virtual void BeginCollection()
    {
    }

    /// <summary>The current state.</summary>
    /// <returns>The family.</returns>
    public abstract MetricFamily Snapshot();

    /// <summary>Creates the aggregator that fits the instrument's kind.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The aggregator, or null for kinds this endpoint does not know.</returns>
    public static InstrumentAggregator? For(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var kind = instrument.GetType().GetGenericTypeDefinition();
        return kind switch
        {
            _ when kind == typeof(Counter<>) => new ValueAggregator(instrument, MetricType.Counter, ValueMode.Add),
            _ when kind == typeof(UpDownCounter<>) => new ValueAggregator(instrument, MetricType.Gauge, ValueMode.Add),
            // Observable counters report their running totals, not increments.
            _ when kind == typeof(ObservableCounter<>) => new ValueAggregator(instrument, MetricType.Counter, ValueMode.Observe),
            _ when kind == typeof(ObservableUpDownCounter<>) => new ValueAggregator(instrument, MetricType.Gauge, ValueMode.Observe),
            _ when kind == typeof(ObservableGauge<>) => new ValueAggregator(instrument, MetricType.Gauge, ValueMode.Observe),
            _ when kind == typeof(Gauge<>) => new ValueAggregator(instrument, MetricType.Gauge, ValueMode.Set),
            _ when kind == typeof(Histogram<>) => new HistogramAggregator(instrument, HistogramBounds.Of(instrument)),
            _ => null,
        };
    }
}
