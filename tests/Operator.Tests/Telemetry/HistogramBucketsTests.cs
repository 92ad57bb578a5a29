using System.Diagnostics.Metrics;
using Kueueleuleu.Operator.Telemetry;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public sealed class HistogramBucketsTests : IDisposable
{
    private readonly Meter meter = new("Test.Buckets." + Guid.NewGuid().ToString("N"));

    public void Dispose() => meter.Dispose();

    [Fact]
    public void A_histogram_in_seconds_without_advice_gets_the_prometheus_defaults() =>
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], HistogramBuckets.Override(meter.CreateHistogram<double>("a.duration", "s")));

    [Fact]
    public void Advice_is_left_to_the_sdk() =>
        Assert.Null(HistogramBuckets.Override(meter.CreateHistogram<double>(
            "b.duration", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 60] })));

    [Fact]
    public void Other_units_and_other_instruments_keep_the_sdk_defaults()
    {
        Assert.Null(HistogramBuckets.Override(meter.CreateHistogram<double>("c.duration", "ms")));
        Assert.Null(HistogramBuckets.Override(meter.CreateHistogram<long>("d.size", "By")));
        Assert.Null(HistogramBuckets.Override(meter.CreateCounter<double>("e.time", "s")));
    }
}
