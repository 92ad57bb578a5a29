using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>One row of the step table, before formatting.</summary>
/// <param name="Name">The step.</param>
/// <param name="State">Its state.</param>
/// <param name="Duration">How long it ran (so far), when known.</param>
/// <param name="ExitCode">Its exit code, when finished.</param>
/// <param name="Detail">Reason and message, shortened.</param>
internal sealed record StepRow(string Name, StepState State, TimeSpan? Duration, int? ExitCode, string Detail);

/// <summary>
/// The pure rendering of <c>kueueleuleu status</c>: a header line (phase, progress, current step, pod) and a table
/// of the steps (STEP, STATE, DURATION, EXIT, REASON/MESSAGE), from a SequentialJob as the API server returns it, then for
/// each step held for debugging a line saying how to end the hold.
/// </summary>
internal static class StatusView
{
    /// <summary>The longest REASON/MESSAGE cell; longer ones are cut with "...".</summary>
    public const int MaxDetailLength = 60;

    private static readonly string[] Headers = ["STEP", "STATE", "DURATION", "EXIT", "REASON/MESSAGE"];

    /// <summary>Reads a SequentialJob object; a shape the entities cannot read becomes a one-line error.</summary>
    public static SequentialJob Read(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        try
        {
            return obj.Deserialize(SequentialJobJson.SequentialJob) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new ClusterCommandException($"cannot read sequentialjob \"{(string?)obj["metadata"]?["name"]}\": {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Whether the run finished (phase Succeeded or Failed).</summary>
    public static bool IsFinished(SequentialJob job) =>
        job?.Status?.Phase is SequentialJobPhase.Succeeded or SequentialJobPhase.Failed;

    /// <summary>
    /// Whether no step is Waiting or Running any more. The operator may report the Job's end a moment before the
    /// Pod's last step states, so a finished run whose steps have not settled is worth watching a little longer.
    /// </summary>
    public static bool StepsSettled(SequentialJob job) =>
        job?.Status?.Steps is not { } steps || steps.All(s => s.State is not (StepState.Waiting or StepState.Running));

    /// <summary>The header line and the step table, each line ending with a newline.</summary>
    /// <param name="job">The SequentialJob.</param>
    /// <param name="now">The time used for the duration of running steps.</param>
    public static string Render(SequentialJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        text.Append(Header(job)).Append('\n');
        var rows = Rows(job, now)
            .Select(r => new[] { r.Name, r.State.ToString(), r.Duration is { } d ? FormatDuration(d) : "-", r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Detail })
            .ToList();
        AppendTable(text, [Headers, .. rows]);
        foreach (var held in job.Status?.Steps?.Where(s => s.Reason == StepReasons.HeldForDebugging) ?? [])
        {
            // The table cuts messages; how to end a hold must be read whole.
            text.Append($"step {held.Name} is held for debugging: {OneLine(held.Message ?? string.Empty)}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The header: <c>sequentialjob/NAME  phase: P  progress: 2/3  current: S  pod: P  duration: D</c>, leaving out
    /// what is unknown, and for a failed run the message of its Failed condition.
    /// </summary>
    public static string Header(SequentialJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var status = job.Status;
        var parts = new List<string> { $"sequentialjob/{job.Name}", $"phase: {status?.Phase?.ToString() ?? "Pending"}" };
        var progress = status?.Progress ?? $"0/{StepNames(job).Count}";
        parts.Add($"progress: {progress}");
        AddIf(parts, "current", status?.CurrentStep);
        AddIf(parts, "pod", status?.PodName);
        if (status?.Attempts > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"attempts: {status.Attempts}"));
        }

        AddIf(parts, "duration", status?.Duration);
        if (status?.Phase == SequentialJobPhase.Failed
            && status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Failed && c.Status == ConditionStatus.True) is { } failed
            && Join(failed.Reason, failed.Message) is { Length: > 0 } why)
        {
            parts.Add($"reason: {OneLine(why)}");
        }

        return string.Join("  ", parts);
    }

    /// <summary>
    /// The rows in step order: from <c>status.steps</c>, or before the operator wrote any, the containers of the
    /// template as Waiting.
    /// </summary>
    public static IReadOnlyList<StepRow> Rows(SequentialJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status?.Steps is not { Count: > 0 } steps)
        {
            return StepNames(job).Select(n => new StepRow(n, StepState.Waiting, null, null, string.Empty)).ToList();
        }

        return steps.Select(s => new StepRow(s.Name, s.State, Duration(s, now), s.ExitCode, Shorten(Detail(s)))).ToList();
    }

    /// <summary>The step names in step order: <c>status.steps</c> when written, else the template's containers.</summary>
    public static IReadOnlyList<string> StepNames(SequentialJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status?.Steps is { Count: > 0 } steps
            ? steps.Select(s => s.Name).ToList()
            : job.Spec.Template.Spec.Containers.Select(c => c.Name).ToList();
    }

    /// <summary>A duration as Go prints whole seconds: <c>0s</c>, <c>45s</c>, <c>1m20s</c>, <c>2h0m5s</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var seconds = Math.Max(0, (long)Math.Floor(duration.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0 ? Invariant($"{h}h{m}m{s}s") : m > 0 ? Invariant($"{m}m{s}s") : Invariant($"{s}s");
    }

    /// <summary>One line, at most <see cref="MaxDetailLength"/> characters.</summary>
    public static string Shorten(string text)
    {
        var line = OneLine(text);
        return line.Length <= MaxDetailLength ? line : line[..(MaxDetailLength - 3)].TrimEnd() + "...";
    }

    /// <summary>Reason and message, after the number of attempts when the step made more than one.</summary>
    private static string Detail(SequentialJobStepStatus step)
    {
        var detail = Join(step.Reason, step.Message);
        if (step.Attempts is not > 1)
        {
            return detail;
        }

        var attempts = Invariant($"{step.Attempts} attempts");
        return detail.Length == 0 ? attempts : $"{attempts}; {detail}";
    }

    private static TimeSpan? Duration(SequentialJobStepStatus step, DateTimeOffset now) => step switch
    {
        { StartedAt: { } start, FinishedAt: { } end } => end - start,
        { StartedAt: { } start, State: StepState.Running } => now - start,
        _ => null,
    };

    private static void AppendTable(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    private static void AddIf(List<string> parts, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{label}: {value}");
        }
    }

    private static string Join(string? reason, string? message) =>
        string.Join(": ", new[] { reason, message }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
