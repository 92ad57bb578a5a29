using Kueueleuleu.Operator.Telemetry.Prometheus;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public class PrometheusNamesTests
{
    [Theory]
    [InlineData("kueueleuleu.operator.runs.finished", "{run}", MetricType.Counter, "kueueleuleu_operator_runs_finished_total")]
    [InlineData("kueueleuleu.operator.step.duration", "s", MetricType.Histogram, "kueueleuleu_operator_step_duration_seconds")]
    [InlineData("http.server.request.duration", "s", MetricType.Histogram, "http_server_request_duration_seconds")]
    [InlineData("already_total", null, MetricType.Counter, "already_total")]
    [InlineData("size", "By", MetricType.Gauge, "size_bytes")]
    [InlineData("size_bytes", "By", MetricType.Gauge, "size_bytes")]
    [InlineData("9lives", "1", MetricType.Gauge, "_9lives")]
    [InlineData("a.-b", "ms", MetricType.Gauge, "a_b_milliseconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", MetricType.Counter, "dotnet_gc_heap_total_allocated_bytes_total")]
    public void Metric_names_follow_the_prometheus_compatibility_rules(string instrument, string? unit, MetricType type, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, type));

    [Theory]
    [InlineData("k8s.namespace.name", "k8s_namespace_name")]
    [InlineData("result", "result")]
    [InlineData("a:b", "a_b")]
    public void Label_names_allow_no_colons_or_dots(string key, string expected) =>
        Assert.Equal(expected, PrometheusNames.LabelName(key));
}
