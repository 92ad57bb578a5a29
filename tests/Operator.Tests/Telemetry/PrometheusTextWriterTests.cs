using Kueueleuleu.Operator.Telemetry.Prometheus;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public class PrometheusTextWriterTests
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    [Fact]
    public void Counter_with_labels_renders_help_type_and_escaped_values()
    {
        var family = new MetricFamily("demo_total", "Help with \\ backslash\nand newline \"quoted\"", MetricType.Counter,
        [
            new MetricSeries([new("path", "C:\\dir"), new("quote", "say \"hi\""), new("text", "two\nlines")], 3),
        ]);

        var text = PrometheusTextWriter.Write([family]);

        Assert.Equal(
            "# HELP demo_total Help with \\\\ backslash\\nand newline \"quoted\"\n" +
            "# TYPE demo_total counter\n" +
            "demo_total{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",text=\"two\\nlines\"} 3\n",
            text);
        var parsed = PrometheusTextParser.Parse(text).Samples.Single();
        Assert.Equal("C:\\dir", parsed.Labels["path"]);
        Assert.Equal("say \"hi\"", parsed.Labels["quote"]);
        Assert.Equal("two\nlines", parsed.Labels["text"]);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf_sum_and_count()
    {
        var family = new MetricFamily("latency_seconds", "Latency.", MetricType.Histogram,
        [
            new MetricSeries([new("op", "get")], 0, new HistogramData([0.1, 1], [2, 3, 1], 4.25, 6)),
        ]);

        var text = PrometheusTextWriter.Write([family]);

        Assert.Equal(
            "# HELP latency_seconds Latency.\n" +
            "# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{op=\"get\",le=\"0.1\"} 2\n" +
            "latency_seconds_bucket{op=\"get\",le=\"1\"} 5\n" +
            "latency_seconds_bucket{op=\"get\",le=\"+Inf\"} 6\n" +
            "latency_seconds_sum{op=\"get\"} 4.25\n" +
            "latency_seconds_count{op=\"get\"} 6\n",
            text);
        PrometheusTextParser.Parse(text);
    }

    [Fact]
    public void Gauge_without_labels_has_no_braces()
    {
        var text = PrometheusTextWriter.Write([new MetricFamily("depth", "Depth.", MetricType.Gauge, [new MetricSeries(NoLabels, -2)])]);

        Assert.EndsWith("# TYPE depth gauge\ndepth -2\n", text);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(42, "42")]
    public void Values_use_invariant_round_trip_text(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Fact]
    public void Empty_input_renders_nothing() => Assert.Equal("", PrometheusTextWriter.Write([]));
}
