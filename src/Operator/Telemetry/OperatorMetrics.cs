using System.Diagnostics.Metrics;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// The SequentialJob reconciler's instruments, on the <c>Kueueleuleu.Operator</c> meter next to the controller
/// runtime's (<see cref="ControllerRuntime.Diagnostics.RuntimeMetrics"/>: reconciles, durations, errors, queue depth, leadership). Names follow
/// OpenTelemetry's conventions (dotted, unit separate); the Prometheus endpoint turns them into
/// <c>kueueleuleu_operator_step_duration_seconds</c>, <c>kueueleuleu_operator_runs_finished_total</c> and so on.
/// </summary>
public sealed class OperatorMetrics : IDisposable
{
    /// <summary>The meter name, shared with the controller runtime's instruments.</summary>
    public const string MeterName = "Kueueleuleu.Operator";

    // Steps are user workloads: from a fraction of a second to hours.
    private static readonly double[] StepBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    private readonly Meter meter;
    private readonly bool ownsMeter;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or a meter of its own.</summary>
    /// <param name="meterFactory">The host's meter factory; null for a private meter (tests).</param>
    public OperatorMetrics(IMeterFactory? meterFactory = null)
    {
        // A factory's meter is shared with the host and is the factory's to dispose.
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName, Version) ?? new Meter(MeterName, Version);
        StepDuration = meter.CreateHistogram<double>(
            "kueueleuleu.operator.step.duration", "s", "How long finished steps ran (from their termination messages), by state.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = StepBuckets });
        RunsFinished = meter.CreateCounter<long>("kueueleuleu.operator.runs.finished", "{run}", "SequentialJob runs that finished, by outcome (Succeeded, Failed).");
        StatusWrites = meter.CreateCounter<long>("kueueleuleu.operator.status.writes", "{write}", "Status subresource writes, by result (written, conflict, error).");
        JobsCreated = meter.CreateCounter<long>("kueueleuleu.operator.jobs.created", "{job}", "Jobs created for SequentialJobs, by result (created, exists, error).");
        EventsEmitted = meter.CreateCounter<long>("kueueleuleu.operator.events", "{event}", "Kubernetes Events the operator emitted, by type and reason.");
        ApiRequests = meter.CreateCounter<long>("kueueleuleu.operator.api.requests", "{request}", "Kubernetes API calls, by verb, resource and HTTP status code.");
    }

    /// <summary>The assembly version reported with the meter.</summary>
    public static string Version { get; } = typeof(OperatorMetrics).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter => meter;

    /// <summary>Finished step durations in seconds by <c>state</c>.</summary>
    public Histogram<double> StepDuration { get; }

    /// <summary>Finished runs by <c>outcome</c>.</summary>
    public Counter<long> RunsFinished { get; }

    /// <summary>Status writes by <c>result</c>.</summary>
    public Counter<long> StatusWrites { get; }

    /// <summary>Job creations by <c>result</c>.</summary>
    public Counter<long> JobsCreated { get; }

    /// <summary>Events by <c>type</c> and <c>reason</c>.</summary>
    public Counter<long> EventsEmitted { get; }

    /// <summary>API calls by <c>verb</c>, <c>resource</c> and <c>code</c>.</summary>
    public Counter<long> ApiRequests { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
