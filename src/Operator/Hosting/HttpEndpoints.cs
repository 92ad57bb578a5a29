using Kueueleuleu.Operator.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The operator's HTTP surface: <c>/metrics</c> (OpenTelemetry's Prometheus exporter, <see cref="OperatorTelemetry"/>),
/// <c>/healthz</c>, <c>/readyz</c>.
/// </summary>
internal static class HttpEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="status">Liveness and readiness.</param>
    public static void Map(WebApplication app, OperatorStatus status)
    {
        OperatorTelemetry.MapMetrics(app);
        app.MapGet("/healthz", () => Probe(status.Liveness()));
        app.MapGet("/readyz", () => Probe(status.Readiness()));
    }

    private static IResult Probe((bool Ok, string Reason) state) =>
        Results.Text(state.Reason + "\n", "text/plain; charset=utf-8", statusCode: state.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
}
