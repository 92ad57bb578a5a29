using System.Diagnostics;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>The operator's <see cref="ActivitySource"/>: a span per reconcile, and a trace per finished run.</summary>
public static class OperatorActivitySource
{
    /// <summary>The source name, to subscribe to with OpenTelemetry (<c>AddSource</c>) or an <see cref="ActivityListener"/>.</summary>
    public const string Name = "Kueueleuleu.Operator";

    /// <summary>The source. Static: activity sources are process-wide by design, listeners choose what to sample.</summary>
    public static ActivitySource Source { get; } = new(Name, OperatorMetrics.Version);
}
