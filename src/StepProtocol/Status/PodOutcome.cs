using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The Pod-level facts the step rules need: its phase, and why it ended.</summary>
/// <param name="Phase">The Pod phase (<c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c>, <c>Unknown</c>), if reported.</param>
/// <param name="Reason">The Pod's reason, e.g. <c>DeadlineExceeded</c> or <c>Evicted</c>.</param>
/// <param name="Message">The Pod's message.</param>
internal sealed record PodOutcome(string? Phase, string? Reason, string? Message)
{
    /// <summary>Whether the Pod has ended, so no container will run again.</summary>
    public bool Finished => Phase is "Succeeded" or "Failed";

    /// <summary>Reads the outcome from a Pod's <c>status</c>.</summary>
    public static PodOutcome Read(JsonObject? status) => new(
        NonEmpty(status?["phase"]), NonEmpty(status?["reason"]), NonEmpty(status?["message"]));

    private static string? NonEmpty(JsonNode? node) => JsonRead.Text(node) is { Length: > 0 } text ? text : null;
}
