using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Operator.Telemetry;

namespace Kueueleuleu.Operator.Tests.Telemetry;

public sealed class RunTelemetryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly OperatorMetrics metrics = new();
    private readonly MeterListener meterListener = new();
    private readonly List<(string Instrument, double Value, string Tag)> measurements = [];
    private readonly List<Activity> spans = [];
    private readonly ActivityListener listener;
    private readonly string runName = "run-" + Guid.NewGuid().ToString("N");

    public RunTelemetryTests()
    {
        // Only this test's private meter, and only spans of this test's run (the source is process-wide).
        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meterListener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meterListener.Start();
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OperatorActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose()
    {
        listener.Dispose();
        meterListener.Dispose();
        metrics.Dispose();
    }

    [Fact]
    public void A_run_that_just_failed_is_counted_timed_and_traced_with_a_span_per_step()
    {
        var recorded = new RunTelemetry(metrics).RecordIfFinished("ns", runName, Running(), Failed());

        Assert.True(recorded);
        Assert.Equal(
            [
                ("kueueleuleu.operator.runs.finished", 1, "outcome=Failed"),
                ("kueueleuleu.operator.step.duration", 10, "state=Succeeded"),
                ("kueueleuleu.operator.step.duration", 3, "state=Failed"),
            ],
            Measurements());

        var mine = MySpans();
        var run = mine.Single(s => s.OperationName == RunTelemetry.RunSpanName);
        var steps = mine.Where(s => s.OperationName == RunTelemetry.StepSpanName).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(Start.UtcDateTime, run.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(20), run.Duration);
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal(["build", "test"], steps.Select(s => s.GetTagItem("kueueleuleu.step")));
        Assert.All(steps, s => Assert.Equal(run.SpanId, s.ParentSpanId));
        Assert.Equal(TimeSpan.FromSeconds(10), steps[0].Duration);
        Assert.Equal(ActivityStatusCode.Error, steps[1].Status);
        Assert.Equal(2, steps[1].GetTagItem("kueueleuleu.step.exit_code"));
    }

    [Fact]
    public void A_run_already_finished_before_is_not_recorded_again()
    {
        var telemetry = new RunTelemetry(metrics);

        Assert.False(telemetry.RecordIfFinished("ns", runName, Failed(), Failed()));
        Assert.False(telemetry.RecordIfFinished("ns", runName, null, Running()));
        Assert.Empty(Measurements());
        Assert.Empty(MySpans());
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var tag = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
        lock (measurements)
        {
            measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), tag));
        }
    }

    private List<(string Instrument, double Value, string Tag)> Measurements()
    {
        lock (measurements)
        {
            return [.. measurements];
        }
    }

    private List<Activity> MySpans()
    {
        lock (spans)
        {
            var runs = spans.Where(s => Equals(s.GetTagItem("kueueleuleu.sequentialjob"), runName)).Select(s => s.TraceId).ToHashSet();
            return spans.Where(s => runs.Contains(s.TraceId)).ToList();
        }
    }

    private static SequentialJobStatus Running() => new() { Phase = SequentialJobPhase.Running, StartTime = Start };

    private static SequentialJobStatus Failed() => new()
    {
        Phase = SequentialJobPhase.Failed,
        StartTime = Start,
        CompletionTime = Start.AddSeconds(20),
        JobName = "job",
        Steps =
        [
            new SequentialJobStepStatus { Name = "build", State = StepState.Succeeded, StartedAt = Start.AddSeconds(1), FinishedAt = Start.AddSeconds(11), ExitCode = 0 },
            new SequentialJobStepStatus { Name = "test", State = StepState.Failed, StartedAt = Start.AddSeconds(11), FinishedAt = Start.AddSeconds(14), ExitCode = 2, Reason = "Error" },
            new SequentialJobStepStatus { Name = "publish", State = StepState.Skipped, Reason = "DependencyFailed" },
        ],
    };
}
