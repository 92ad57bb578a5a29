namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// What the entrypoint wrote to a step's termination log (see <c>docs/entrypoint.md</c>): the compact line of the
/// current entrypoint, or the JSON object of entrypoints before it (Pods converted before an upgrade). Either may
/// arrive cut by the kubelet, which keeps only the first bytes of each container's message once a Pod has many
/// containers; whatever survived the cut is read.
/// </summary>
/// <param name="Step">The step it reports on.</param>
/// <param name="State">One of succeeded, failed, timed-out, continued, skipped.</param>
/// <param name="ExitCode">The command's own exit code, if it survived.</param>
/// <param name="StartedAt">When the command started; absent for a skipped step.</param>
/// <param name="FinishedAt">When the step finished, if it survived.</param>
/// <param name="Message">The entrypoint's short message, if not empty; a cut one ends with <c>…</c>.</param>
internal sealed record TerminationMessage(
    string Step,
    string State,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Message)
{
    /// <summary>The states an entrypoint writes.</summary>
    public static IReadOnlyList<string> States { get; } = ["succeeded", "failed", "timed-out", "continued", "skipped"];

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

        var message = TerminationLine.IsOne(text) ? TerminationLine.Parse(text) : LegacyTerminationJson.Parse(text);
        return message is not null && message.Step == step && States.Contains(message.State, StringComparer.Ordinal) ? message : null;
    }
}
