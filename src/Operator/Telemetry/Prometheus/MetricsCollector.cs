using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>
/// Listens to the meters it is told to (a <see cref="MeterListener"/>) and keeps the aggregated state the
/// <c>/metrics</c> endpoint renders. There is no Prometheus package on this project's NuGet mirror, so this is the
/// exporter: cumulative counters, last-value gauges, explicit-bucket histograms.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> aggregators = new();
    private readonly Func<Meter, bool> include;
    private readonly Lock collectGate = new();

    /// <summary>Starts listening.</summary>
    /// <param name="include">Which meters to export; instruments of other meters are ignored.</param>
    public MetricsCollector(Func<Meter, bool> include)
    {
        this.include = include ?? throw new ArgumentNullException(nameof(include));
        listener.InstrumentPublished = OnInstrumentPublished;
        listener.MeasurementsCompleted = (instrument, _) => aggregators.TryRemove(instrument, out InstrumentAggregator? _);
        listener.SetMeasurementEventCallback<double>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<float>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<short>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<byte>((i, v, t, s) => Record(s, v, t));
        listener.SetMeasurementEventCallback<decimal>((i, v, t, s) => Record(s, (double)v, t));
        listener.Start();
    }

    /// <summary>A collector of every meter with the given name (whatever factory created it).</summary>
    /// <param name="meterNames">The meter names.</param>
    /// <returns>The collector.</returns>
    public static MetricsCollector ForMeters(params string[] meterNames)
    {
        var names = meterNames.ToHashSet(StringComparer.Ordinal);
        return new MetricsCollector(meter => names.Contains(meter.Name));
    }

    /// <summary>Reads the observable instruments and returns every family, sorted by name.</summary>
    /// <returns>The families; instruments that map to one Prometheus name are merged (first label set wins).</returns>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (collectGate)
        {
            foreach (var aggregator in aggregators.Values)
            {
                aggregator.BeginCollection();
            }

            listener.RecordObservableInstruments();
            return Merge(aggregators.Values.Select(a => a.Snapshot()));
        }
    }

    /// <summary>Collects and renders in the Prometheus text format.</summary>
    /// <returns>The exposition text.</returns>
    public string Scrape() => PrometheusTextWriter.Write(Collect());

    /// <inheritdoc/>
    public void Dispose() => listener.Dispose();

    private static List<MetricFamily> Merge(IEnumerable<MetricFamily> families) =>
        families
            .Where(f => f.Series.Count > 0)
            .GroupBy(f => (f.Name, f.Type))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with { Series = DistinctSeries(g.SelectMany(f => f.Series)) })
            // Two instruments with one name but different types cannot share a family: the first type wins.
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    private static List<MetricSeries> DistinctSeries(IEnumerable<MetricSeries> series) =>
        series.DistinctBy(s => string.Join('\0', s.Labels.Select(l => $"{l.Key}\0{l.Value}"))).ToList();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        (state as InstrumentAggregator)?.Record(value, tags);

    private void OnInstrumentPublished(Instrument instrument, MeterListener source)
    {
        if (!include(instrument.Meter) || InstrumentAggregator.For(instrument) is not { } aggregator)
        {
            return;
        }

        aggregators[instrument] = aggregator;
        source.EnableMeasurementEvents(instrument, aggregator);
    }
}
