using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>Which of the kubelet's three container states a container is in.</summary>
internal enum ContainerPhase
{
    /// <summary>No status yet, or <c>state.waiting</c>.</summary>
    Waiting,

    /// <summary><c>state.running</c>.</summary>
    Running,

    /// <summary><c>state.terminated</c>.</summary>
    Terminated,
}

/// <summary>The current state of a container, as the kubelet reports it in <c>status.containerStatuses[].state</c>.</summary>
/// <param name="Phase">Which state it is in.</param>
/// <param name="StartedAt">When the container started (running or terminated).</param>
/// <param name="FinishedAt">When the container finished (terminated).</param>
/// <param name="ExitCode">The container's exit code (terminated).</param>
/// <param name="Reason">The kubelet's reason, if any.</param>
/// <param name="Message">The kubelet's message (for a terminated container: the termination message), if any.</param>
/// <param name="Ready">Whether the kubelet reports the container ready (<c>containerStatuses[].ready</c>).</param>
internal sealed record ContainerState(
    ContainerPhase Phase,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Reason,
    string? Message,
    bool Ready = false)
{
    /// <summary>The state of a container that has no status yet.</summary>
    public static ContainerState None { get; } = new(ContainerPhase.Waiting, null, null, null, null, null);

    /// <summary>Reads one entry of <c>containerStatuses</c>; odd shapes read as <see cref="None"/>.</summary>
    public static ContainerState Read(JsonObject? status)
    {
        if (status?["state"] is not JsonObject state)
        {
            return None;
        }

        if (state["terminated"] is JsonObject terminated)
        {
            return new ContainerState(
                ContainerPhase.Terminated,
                Time(terminated["startedAt"]),
                Time(terminated["finishedAt"]),
                ExitCodeOf(terminated["exitCode"]),
                Text(terminated["reason"]),
                Text(terminated["message"]));
        }

        if (state["running"] is JsonObject running)
        {
            var ready = status["ready"] is JsonValue value && value.GetValueKind() == JsonValueKind.True;
            return new ContainerState(ContainerPhase.Running, Time(running["startedAt"]), null, null, null, null, ready);
        }

        var waiting = state["waiting"] as JsonObject;
        return new ContainerState(ContainerPhase.Waiting, null, null, null, Text(waiting?["reason"]), Text(waiting?["message"]));
    }

    private static int? ExitCodeOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var code) ? code : null;

    private static DateTimeOffset? Time(JsonNode? node) => Rfc3339.Parse(JsonRead.Text(node));

    private static string? Text(JsonNode? node) => JsonRead.Text(node) is { Length: > 0 } text ? text : null;
}
