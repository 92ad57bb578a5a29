using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>The pure formatting of <c>kueueleuleu logs</c>: every line prefixed with <c>[step] </c>, notes for steps without logs.</summary>
internal static class StepLogFormat
{
    /// <summary>One log line with its step prefix.</summary>
    public static string Prefix(string step, string line) => $"[{step}] {line}";

    /// <summary>The lines of a log text: split at line ends, without the empty piece after a final newline.</summary>
    public static IEnumerable<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        return lines.Take(count).Select(l => l.TrimEnd('\r'));
    }

    /// <summary>
    /// The one-line note printed instead of logs for a step that has none: skipped, not started (yet, or at all
    /// when the run finished); null when the step has logs to show.
    /// </summary>
    /// <param name="name">The step.</param>
    /// <param name="step">Its status, null when the operator has not reported it.</param>
    /// <param name="runFinished">Whether the run finished.</param>
    public static string? Note(string name, SequentialJobStepStatus? step, bool runFinished) => step?.State switch
    {
        StepState.Skipped => Prefix(name, $"(skipped{Why(step)})"),
        null or StepState.Waiting => Prefix(name, runFinished ? "(did not run)" : "(not started yet)"),
        _ => null,
    };

    /// <summary>The note for a step whose container has no logs to give (it never started, or the kubelet refused).</summary>
    public static string NoLogs(string name, string reason) => Prefix(name, $"(no logs: {StatusView.Shorten(reason)})");

    private static string Why(SequentialJobStepStatus step)
    {
        var detail = StatusView.Shorten(string.Join(": ", new[] { step.Reason, step.Message }.Where(s => !string.IsNullOrWhiteSpace(s))));
        return detail.Length == 0 ? string.Empty : $": {detail}";
    }
}
