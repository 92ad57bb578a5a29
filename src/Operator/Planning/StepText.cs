using System.Globalization;
using Kueueleuleu.Entities;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.Operator.Planning;

/// <summary>The sentences about steps used in condition messages and Events.</summary>
internal static class StepText
{
    /// <summary>
    /// Why a step failed: <c>step test failed with exit code 3</c>, <c>step test timed out (exit code 143)</c>,
    /// <c>step test failed with exit code 137 (OOMKilled)</c>.
    /// </summary>
    public static string Failure(SequentialJobStepStatus step)
    {
        var code = step.ExitCode is { } exit ? Invariant($"exit code {exit}") : null;
        return step.Reason switch
        {
            "TimedOut" => code is null ? $"step {step.Name} timed out" : $"step {step.Name} timed out ({code})",
            "ContinuedOnError" => $"step {step.Name} failed{With(code)}; its dependants ran anyway (onError: continue)",
            null or "Error" => $"step {step.Name} failed{With(code)}",
            var reason => code is null ? $"step {step.Name} failed ({reason})" : $"step {step.Name} failed with {code} ({reason})",
        };
    }

    /// <summary>Where a step stands in the list: <c>step 2/3 test</c>.</summary>
    public static string Position(IList<SequentialJobStepStatus> steps, SequentialJobStepStatus step) =>
        Invariant($"step {steps.IndexOf(step) + 1}/{steps.Count} {step.Name}");

    /// <summary>The non-zero step counters: <c>2 succeeded, 1 failed</c>.</summary>
    public static string Counts(SequentialJobStatus status)
    {
        var parts = new (int Count, string Word)[]
        {
            (status.Succeeded, "succeeded"), (status.Failed, "failed"), (status.Skipped, "skipped"),
            (status.Running, "running"), (status.Waiting, "waiting"),
        };
        return string.Join(", ", parts.Where(p => p.Count > 0).Select(p => Invariant($"{p.Count} {p.Word}")));
    }

    /// <summary>The first step that failed the run: failed and not tolerated by <c>onError: continue</c>.</summary>
    public static SequentialJobStepStatus? Culprit(IEnumerable<SequentialJobStepStatus>? steps) =>
        steps?.FirstOrDefault(s => s.State == StepState.Failed && s.Reason != "ContinuedOnError");

    /// <summary>Formats with the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string With(string? code) => code is null ? string.Empty : $" with {code}";
}
