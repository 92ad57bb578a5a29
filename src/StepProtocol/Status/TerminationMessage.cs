namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// What the entrypoint wrote to a step's termination log (see <c>docs/entrypoint.md</c>): the lines of the current
/// entrypoint (<c>kueueleuleu/3</c>), or the single line (<c>kueueleuleu/2</c>) or JSON object of entrypoints before it
/// (Pods converted before an upgrade). Any may arrive cut by the kubelet, which keeps only the first bytes of each
/// container's message once a Pod has many containers; whatever survived the cut is read.
/// </summary>
/// <param name="Step">The step it reports on.</param>
/// <param name="State">One of <see cref="States"/>.</param>
/// <param name="ExitCode">The command's own exit code (its last attempt's), if it survived.</param>
/// <param name="StartedAt">When the command started; absent for a step that did not run.</param>
/// <param name="FinishedAt">When the step finished, if it survived.</param>
/// <param name="Message">The entrypoint's short message, if not empty; a cut one ends with <c>…</c>.</param>
/// <param name="Attempts">How many attempts were made (version 3 only).</param>
/// <param name="EarlierAttempts">The exit codes (<c>t</c>: timed out) of the attempts before the last, in order.</param>
/// <param name="Results">The results reported, in name order.</param>
/// <param name="ResultsNotReported">How many results the step wrote beyond those reported.</param>
internal sealed record TerminationMessage(
    string Step,
    string State,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Message,
    int? Attempts = null,
    IReadOnlyList<string>? EarlierAttempts = null,
    IReadOnlyList<StepResult>? Results = null,
    int ResultsNotReported = 0)
{
    /// <summary>The states an entrypoint writes.</summary>
    public static IReadOnlyList<string> States { get; } =
        ["succeeded", "failed", "timed-out", "continued", "skipped", "condition-false"];

    /// <summary>The exit codes (<c>t</c>: timed out) of the attempts before the last; never null.</summary>
    public IReadOnlyList<string> EarlierAttempts { get; init; } = EarlierAttempts ?? [];

    /// <summary>The results reported; never null.</summary>
    public IReadOnlyList<StepResult> Results { get; init; } = Results ?? [];

    /// <summary>
    /// Parses a termination message for <paramref name="step"/>; <see langword="null"/> when it is absent, not the
    /// entrypoint's, cut before the state, or about another step (e.g. a log tail from <c>FallbackToLogsOnError</c>).
    /// </summary>
    public static TerminationMessage? Parse(string? text, string step)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var message = TerminationLines.IsOne(text) ? TerminationLines.Parse(text)
            : TerminationLine.IsOne(text) ? TerminationLine.Parse(text)
            : LegacyTerminationJson.Parse(text);
        return message is not null && message.Step == step && States.Contains(message.State, StringComparer.Ordinal) ? message : null;
    }

    /// <summary>Compares by value, the lists element by element.</summary>
    public bool Equals(TerminationMessage? other) =>
        other is not null
        && (Step, State, ExitCode, StartedAt, FinishedAt, Message, Attempts, ResultsNotReported)
            == (other.Step, other.State, other.ExitCode, other.StartedAt, other.FinishedAt, other.Message, other.Attempts, other.ResultsNotReported)
        && EarlierAttempts.SequenceEqual(other.EarlierAttempts)
        && Results.SequenceEqual(other.Results);

    /// <summary>A hash consistent with <see cref="Equals(TerminationMessage?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Step, State, ExitCode, StartedAt, FinishedAt, Message, Attempts, Results.Count);
}
