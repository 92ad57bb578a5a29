using Kueueleuleu.Operator.Telemetry;
using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public class OtlpTargetTests
{
    [Theory]
    [InlineData("http://collector:4317", OtlpExportProtocol.Grpc, "http://collector:4317/", "http://collector:4317/")]
    [InlineData("http://collector:4318", OtlpExportProtocol.HttpProtobuf, "http://collector:4318/v1/metrics", "http://collector:4318/v1/traces")]
    [InlineData("https://gateway/otlp/", OtlpExportProtocol.HttpProtobuf, "https://gateway/otlp/v1/metrics", "https://gateway/otlp/v1/traces")]
    public void Http_endpoints_get_the_signal_path_and_grpc_takes_the_endpoint_as_given(string endpoint, OtlpExportProtocol protocol, string metrics, string traces)
    {
        var target = new OtlpTarget(new Uri(endpoint), protocol);

        Assert.Equal((new Uri(metrics), new Uri(traces)), (target.Metrics, target.Traces));
    }

    [Fact]
    public void Applying_sets_the_protocol_and_the_signal_endpoint()
    {
        var target = new OtlpTarget(new Uri("http://collector:4318"), OtlpExportProtocol.HttpProtobuf);
        var options = new OtlpExporterOptions();

        target.ApplyTo(options, target.Traces);

        Assert.Equal((OtlpExportProtocol.HttpProtobuf, new Uri("http://collector:4318/v1/traces")), (options.Protocol, options.Endpoint));
    }
}
