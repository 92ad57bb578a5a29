using System.Diagnostics.Metrics;
using Kueueleuleu.Operator.Telemetry.Prometheus;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public sealed class MetricsCollectorTests : IDisposable
{
    // A meter name of its own, so parallel tests and the host's meters never leak into these scrapes.
    private readonly string meterName = "Test.Collector." + Guid.NewGuid().ToString("N");
    private readonly Meter meter;
    private readonly MetricsCollector collector;

    public MetricsCollectorTests()
    {
        meter = new Meter(meterName);
        collector = MetricsCollector.ForMeters(meterName);
    }

    public void Dispose()
    {
        collector.Dispose();
        meter.Dispose();
    }

    [Fact]
    public void Counters_sum_per_label_set_whatever_the_tag_order()
    {
        var counter = meter.CreateCounter<long>("demo.requests", "{request}", "Requests.");
        counter.Add(2, new("verb", "get"), new("code", "200"));
        counter.Add(3, new("code", "200"), new("verb", "get"));
        counter.Add(1, new("verb", "create"), new("code", "201"));

        var scrape = PrometheusTextParser.Parse(collector.Scrape());

        Assert.Equal("counter", scrape.Types["demo_requests_total"]);
        Assert.Equal(5, scrape.Sum("demo_requests_total", l => l["verb"] == "get"));
        Assert.Equal(1, scrape.Sum("demo_requests_total", l => l["verb"] == "create"));
        Assert.Equal("Requests.", scrape.Help["demo_requests_total"]);
    }

    [Fact]
    public void Histograms_use_the_advised_bounds()
    {
        var histogram = meter.CreateHistogram<double>("demo.duration", "s", "Durations.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10] });
        foreach (var value in new[] { 0.5, 1, 5, 50 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("step", "build"));
        }

        var scrape = PrometheusTextParser.Parse(collector.Scrape());

        var buckets = scrape.Named("demo_duration_seconds_bucket").ToDictionary(s => s.Labels["le"], s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["1"] = 2, ["10"] = 3, ["+Inf"] = 4 }, buckets);
        Assert.Equal(56.5, scrape.Sum("demo_duration_seconds_sum"));
        Assert.Equal(4, scrape.Sum("demo_duration_seconds_count"));
    }

    [Fact]
    public void Second_histograms_without_advice_get_second_sized_buckets()
    {
        meter.CreateHistogram<double>("demo.wait", "s").Record(0.003);

        var scrape = PrometheusTextParser.Parse(collector.Scrape());

        Assert.Equal(1, scrape.Named("demo_wait_seconds_bucket").Single(s => s.Labels["le"] == "0.005").Value);
    }

    [Fact]
    public void Observable_gauges_are_read_at_each_scrape_and_forget_series_no_longer_reported()
    {
        var depth = 7;
        var reported = new List<Measurement<int>> { new(1, new KeyValuePair<string, object?>("queue", "a")), new(2, new KeyValuePair<string, object?>("queue", "b")) };
        meter.CreateObservableGauge("demo.depth", () => depth, "{item}", "Depth.");
        meter.CreateObservableGauge("demo.queues", () => reported.ToArray());

        var first = PrometheusTextParser.Parse(collector.Scrape());
        depth = 9;
        reported.RemoveAt(1);
        var second = PrometheusTextParser.Parse(collector.Scrape());

        Assert.Equal(7, first.Sum("demo_depth"));
        Assert.Equal(9, second.Sum("demo_depth"));
        Assert.Equal(2, first.Named("demo_queues").Count());
        Assert.Equal("a", second.Named("demo_queues").Single().Labels["queue"]);
    }

    [Fact]
    public void Up_down_counters_are_gauges()
    {
        var active = meter.CreateUpDownCounter<long>("demo.active");
        active.Add(3);
        active.Add(-1);

        var scrape = PrometheusTextParser.Parse(collector.Scrape());

        Assert.Equal("gauge", scrape.Types["demo_active"]);
        Assert.Equal(2, scrape.Sum("demo_active"));
    }

    [Fact]
    public void Instruments_of_other_meters_are_ignored()
    {
        using var other = new Meter("Test.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("other.count").Add(1);
        meter.CreateCounter<long>("mine.count").Add(1);

        var text = collector.Scrape();

        Assert.DoesNotContain("other_count", text, StringComparison.Ordinal);
        Assert.Contains("mine_count_total 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_values_of_any_type_become_invariant_text()
    {
        meter.CreateCounter<int>("demo.typed").Add(1, new("ok", true), new("code", 404), new("ratio", 0.5), new("none", null));

        var sample = PrometheusTextParser.Parse(collector.Scrape()).Named("demo_typed_total").Single();

        Assert.Equal("true", sample.Labels["ok"]);
        Assert.Equal("404", sample.Labels["code"]);
        Assert.Equal("0.5", sample.Labels["ratio"]);
        Assert.Equal("", sample.Labels["none"]);
    }
}
