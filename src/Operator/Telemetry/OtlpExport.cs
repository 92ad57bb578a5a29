using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Kueueleuleu.Operator.Telemetry.Prometheus;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// Exports the operator's metrics and traces with OTLP when an endpoint is configured. The mirror has no
/// OpenTelemetry.Extensions.Hosting, so the providers are built with the SDK's builders and disposed with the host.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    private readonly MeterProvider meterProvider;
    private readonly TracerProvider tracerProvider;

    private OtlpExport(MeterProvider meterProvider, TracerProvider tracerProvider)
    {
        this.meterProvider = meterProvider;
        this.tracerProvider = tracerProvider;
    }

    /// <summary>Starts exporting to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</param>
    /// <param name="protocol">gRPC or HTTP/protobuf.</param>
    /// <param name="instanceId">This replica's identity, reported as <c>service.instance.id</c>.</param>
    /// <returns>The running export; dispose it to flush and stop.</returns>
    public static OtlpExport Start(Uri endpoint, OtlpExportProtocol protocol, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var resource = ResourceBuilder.CreateDefault().AddService("kueueleuleu-operator", serviceVersion: OperatorMetrics.Version, serviceInstanceId: instanceId);
        var meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(OperatorMetrics.MeterName)
            // Histograms in seconds without advice would get the SDK's millisecond-sized buckets.
            .AddView(instrument => instrument.Unit == "s" && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                ? new ExplicitBucketHistogramConfiguration { Boundaries = HistogramBounds.Of(instrument).ToArray() }
                : null)
            .AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/metrics"))
            .Build();
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(OperatorActivitySource.Name)
            .AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/traces"))
            .Build();
        return new OtlpExport(meters, traces);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Disposing flushes what is buffered, so the last spans of a shutdown are not lost.
        tracerProvider.Dispose();
        meterProvider.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        // For HTTP the exporter uses the endpoint as given, so the signal's path is added here (as the
        // OTEL_EXPORTER_OTLP_ENDPOINT variable would); gRPC takes the bare authority.
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
