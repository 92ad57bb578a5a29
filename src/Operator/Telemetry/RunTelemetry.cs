using System.Diagnostics;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Telemetry;

/// <summary>
/// Records a finished run once, when its status turns Succeeded or Failed: the outcome counter, each finished step's
/// duration, and a trace of the run with one span per step, built afterwards from the steps' own start and finish
/// times (the operator does not watch steps live, their termination messages carry the real times).
/// </summary>
public sealed class RunTelemetry(OperatorMetrics metrics)
{
    /// <summary>The span name of a run.</summary>
    public const string RunSpanName = "sequentialjob.run";

    /// <summary>The span name of a step.</summary>
    public const string StepSpanName = "sequentialjob.step";

    /// <summary>Records the run when <paramref name="current"/> finished it and <paramref name="previous"/> had not.</summary>
    /// <param name="ns">The SequentialJob's namespace.</param>
    /// <param name="name">The SequentialJob's name.</param>
    /// <param name="previous">The status before the write; null when there was none.</param>
    /// <param name="current">The status just written.</param>
    /// <returns>Whether the run was recorded (it just finished).</returns>
    public bool RecordIfFinished(string ns, string name, SequentialJobStatus? previous, SequentialJobStatus current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!IsFinished(current.Phase) || IsFinished(previous?.Phase))
        {
            return false;
        }

        var outcome = current.Phase!.Value.ToString();
        metrics.RunsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        foreach (var step in current.Steps ?? [])
        {
            if (step is { StartedAt: { } started, FinishedAt: { } finished } && finished >= started)
            {
                metrics.StepDuration.Record((finished - started).TotalSeconds, new KeyValuePair<string, object?>("state", step.State.ToString()));
            }
        }

        TraceRun(ns, name, outcome, current);
        return true;
    }

    private static bool IsFinished(SequentialJobPhase? phase) => phase is SequentialJobPhase.Succeeded or SequentialJobPhase.Failed;

    private static void TraceRun(string ns, string name, string outcome, SequentialJobStatus status)
    {
        var source = OperatorActivitySource.Source;
        if (!source.HasListeners() || status.StartTime is not { } start)
        {
            return;
        }

        // A root span: the run is its own trace, whatever reconcile noticed its end.
        using var run = source.StartActivity(RunSpanName, ActivityKind.Internal, parentContext: default, startTime: start);
        if (run is null)
        {
            return;
        }

        run.SetTag("k8s.namespace.name", ns);
        run.SetTag("kueueleuleu.sequentialjob", name);
        run.SetTag("kueueleuleu.outcome", outcome);
        run.SetTag("k8s.job.name", status.JobName);
        run.SetTag("k8s.pod.name", status.PodName);
        foreach (var step in status.Steps ?? [])
        {
            TraceStep(run, step);
        }

        if (status.Phase == SequentialJobPhase.Failed)
        {
            run.SetStatus(ActivityStatusCode.Error, "the run failed");
        }

        run.SetEndTime((status.CompletionTime ?? start).UtcDateTime);
    }

    private static void TraceStep(Activity run, SequentialJobStepStatus step)
    {
        if (step is not { StartedAt: { } started })
        {
            return;
        }

        using var span = OperatorActivitySource.Source.StartActivity(StepSpanName, ActivityKind.Internal, run.Context, startTime: started);
        if (span is null)
        {
            return;
        }

        span.SetTag("kueueleuleu.step", step.Name);
        span.SetTag("kueueleuleu.step.state", step.State.ToString());
        span.SetTag("kueueleuleu.step.exit_code", step.ExitCode);
        span.SetTag("kueueleuleu.step.reason", step.Reason);
        if (step.State == StepState.Failed && step.Reason != "ContinuedOnError")
        {
            span.SetStatus(ActivityStatusCode.Error, step.Message ?? step.Reason);
        }

        span.SetEndTime((step.FinishedAt ?? started).UtcDateTime);
    }
}
