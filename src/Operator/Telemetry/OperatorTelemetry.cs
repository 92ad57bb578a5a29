using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// The operator's metrics and traces, on OpenTelemetry's hosting extensions: one meter provider for the
/// <c>Kueueleuleu.Operator</c> meter and .NET's <c>System.Runtime</c> meter, read by the Prometheus exporter behind
/// <c>/metrics</c> and, with an OTLP target, by the OTLP exporter; a tracer provider only with an OTLP target (without
/// one nothing listens to <see cref="OperatorActivitySource"/>, so no span is built). The providers live and are
/// flushed with the host.
/// </summary>
public static class OperatorTelemetry
{
    /// <summary>The <c>service.name</c> of the resource.</summary>
    public const string ServiceName = "kueueleuleu-operator";

    /// <summary>.NET's meter of GC, CPU, thread pool and JIT instruments (the <c>dotnet_*</c> metrics).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>The path of the Prometheus endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the providers.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="instanceId">This replica's identity, reported as <c>service.instance.id</c>.</param>
    /// <param name="otlp">The OTLP collector, or null to export nothing over OTLP.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, string instanceId, OtlpTarget? otlp)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: OperatorMetrics.Version, serviceInstanceId: instanceId))
            .WithMetrics(metrics => ConfigureMetrics(metrics, otlp));
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OperatorActivitySource.Name)
                .AddOtlpExporter("traces", o => otlp.ApplyTo(o, otlp.Traces)));
        }

        return services;
    }

    /// <summary>Serves the Prometheus exposition at <see cref="MetricsPath"/>.</summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <returns>The endpoint's builder.</returns>
    public static IEndpointConventionBuilder MapMetrics(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);

    private static void ConfigureMetrics(MeterProviderBuilder metrics, OtlpTarget? otlp)
    {
        metrics
            .AddMeter(OperatorMetrics.MeterName, RuntimeMeterName)
            .AddView(instrument => HistogramBuckets.Override(instrument) is { } bounds
                ? new ExplicitBucketHistogramConfiguration { Boundaries = [.. bounds] }
                : null)
            .AddPrometheusExporter(o =>
            {
                // Each scrape reads the instruments afresh, as the endpoint always has: a cached answer would hide a
                // change made just before the scrape from the benchmarks and tests that wait for one.
                o.ScrapeResponseCacheDurationMilliseconds = 0;
                // The documented families and labels only: no otel_scope_* labels on every series and no target_info
                // family (the resource is for OTLP; Prometheus knows its target).
                o.ScopeInfoEnabled = false;
                o.TargetInfoEnabled = false;
            });
        if (otlp is not null)
        {
            // Named options, so the metrics' and the traces' exporters do not share (and overwrite) one endpoint.
            metrics.AddOtlpExporter("metrics", o => otlp.ApplyTo(o, otlp.Metrics));
        }
    }
}
