using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Converter.Conversion;

namespace Kueueleuleu.Converter.Status;

/// <summary>The JSON object the entrypoint writes to a step's termination log (see <c>docs/entrypoint.md</c>).</summary>
/// <param name="Step">The step it reports on.</param>
/// <param name="State">One of succeeded, failed, timed-out, continued, skipped.</param>
/// <param name="ExitCode">The command's own exit code, if written.</param>
/// <param name="StartedAt">When the command started; absent for a skipped step.</param>
/// <param name="FinishedAt">When the step finished.</param>
/// <param name="Message">The entrypoint's short message, if not empty.</param>
internal sealed record TerminationMessage(
    string Step,
    string State,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Message)
{
    private static readonly string[] States = ["succeeded", "failed", "timed-out", "continued", "skipped"];

    /// <summary>
    /// Parses a termination message for <paramref name="step"/>; <see langword="null"/> when it is absent,
    /// malformed, or about another step (e.g. a log tail from <c>FallbackToLogsOnError</c>).
    /// </summary>
    public static TerminationMessage? Parse(string? text, string step)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return FromObject(JsonNode.Parse(text) as JsonObject, step);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TerminationMessage? FromObject(JsonObject? message, string step)
    {
        if (message is null
            || JsonText.String(message["step"]) is not { } name || name != step
            || JsonText.String(message["state"]) is not { } state || !States.Contains(state, StringComparer.Ordinal))
        {
            return null;
        }

        return new TerminationMessage(
            name,
            state,
            ExitCodeOf(message["exitCode"]),
            Rfc3339.Parse(JsonText.String(message["startedAt"])),
            Rfc3339.Parse(JsonText.String(message["finishedAt"])),
            JsonText.String(message["message"]) is { Length: > 0 } text ? text : null);
    }

    internal static int? ExitCodeOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var code)
            ? code
            : null;
}
