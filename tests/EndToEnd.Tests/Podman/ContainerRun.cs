using System.Text.Json.Nodes;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// One container of a finished podman pod: podman's view, the step command's standard output, what was written
/// to standard error (the entrypoint's own lines among it), the step's marker, if it wrote one, and its termination
/// message, when its <c>terminationMessagePath</c> is on the shared volume (podman keeps none of its own).
/// </summary>
public sealed record ContainerRun(
    string Name,
    int ExitCode,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Output,
    string Diagnostics,
    JsonObject? Marker,
    string? TerminationMessage = null)
{
    /// <summary>The marker's state (succeeded, failed, skipped, timed-out, continued).</summary>
    public string? State => Marker?["state"]?.GetValue<string>();

    /// <summary>When the step's command really started, from the marker.</summary>
    public DateTimeOffset? CommandStartedAt => ParseTime("startedAt");

    /// <summary>When the step's command finished, from the marker.</summary>
    public DateTimeOffset? CommandFinishedAt => ParseTime("finishedAt");

    private DateTimeOffset? ParseTime(string field) =>
        Marker?[field]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}
