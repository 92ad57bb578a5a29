using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>Where OTLP export goes: the collector as configured (<c>--otlp-endpoint</c>, <c>--otlp-protocol</c>).</summary>
/// <param name="Endpoint">The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</param>
/// <param name="Protocol">gRPC or HTTP/protobuf.</param>
public sealed record OtlpTarget(Uri Endpoint, OtlpExportProtocol Protocol)
{
    /// <summary>The metrics signal's endpoint.</summary>
    public Uri Metrics => SignalEndpoint("v1/metrics");

    /// <summary>The traces signal's endpoint.</summary>
    public Uri Traces => SignalEndpoint("v1/traces");

    /// <summary>Applies the target to an exporter's options.</summary>
    /// <param name="options">The OTLP exporter's options.</param>
    /// <param name="signalEndpoint"><see cref="Metrics"/> or <see cref="Traces"/>.</param>
    public void ApplyTo(OtlpExporterOptions options, Uri signalEndpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Protocol = Protocol;
        options.Endpoint = signalEndpoint;
    }

    // Over HTTP the exporter posts to the endpoint exactly as given when it is set in code, so the signal's path is
    // added here (as the OTEL_EXPORTER_OTLP_ENDPOINT variable would have it); gRPC takes the bare authority.
    private Uri SignalEndpoint(string signalPath) => Protocol == OtlpExportProtocol.HttpProtobuf
        ? new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
        : Endpoint;
}
