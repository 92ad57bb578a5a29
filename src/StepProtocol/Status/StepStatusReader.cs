using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// Reads the state of each step of a converted Pod from its spec (the wrapped args give the step graph) and its
/// status (the kubelet's container states and the entrypoint's termination messages). Pure and never throwing,
/// so the CLI and the operator can call it on whatever the API server returns.
/// </summary>
public static class StepStatusReader
{
    /// <summary>Reads the steps of a Pod, in the order of its containers.</summary>
    /// <param name="pod">A Pod object (<c>spec</c> and, once scheduled, <c>status</c>).</param>
    /// <returns>
    /// One status per wrapped container, in spec order; empty when the Pod was not converted
    /// (see <see cref="IsConverted"/>).
    /// </returns>
    public static IReadOnlyList<StepStatus> Read(JsonNode pod)
    {
        var steps = StepsOf(pod);
        var status = (pod as JsonObject)?["status"] as JsonObject;
        var containers = steps.ToDictionary(s => s.Container, s => ContainerState.Read(StatusOf(status, s.Container)), StringComparer.Ordinal);
        var finished = new Dictionary<string, StepStatus>(StringComparer.Ordinal);
        foreach (var (container, step) in steps)
        {
            if (containers[container].Phase == ContainerPhase.Terminated)
            {
                finished[step.Step] = TerminatedStep.Read(step, containers[container]);
            }
        }

        var outcome = PodOutcome.Read(status);
        var podName = JsonRead.Text(((pod as JsonObject)?["metadata"] as JsonObject)?["name"]);
        return steps
            .Select(s => finished.GetValueOrDefault(s.Arguments.Step) ?? UnfinishedStep.Read(s.Arguments, containers[s.Container], finished, outcome, podName))
            .ToList();
    }

    /// <summary>Whether a Pod's containers were wrapped by the converter.</summary>
    /// <param name="pod">A Pod object.</param>
    /// <returns><see langword="true"/> when at least one container runs the entrypoint.</returns>
    public static bool IsConverted(JsonNode pod) => StepsOf(pod).Count > 0;

    private static List<(string Container, StepArguments Arguments)> StepsOf(JsonNode pod)
    {
        var containers = ((pod as JsonObject)?["spec"] as JsonObject)?["containers"] as JsonArray ?? [];
        var steps = new List<(string, StepArguments)>();
        foreach (var container in containers.OfType<JsonObject>())
        {
            // A duplicate name would be rejected by the API server; skipping it keeps odd input from throwing.
            if (JsonRead.Text(container["name"]) is { } name && StepArguments.Read(container) is { } arguments
                && steps.TrueForAll(s => s.Item1 != name && s.Item2.Step != arguments.Step))
            {
                steps.Add((name, arguments));
            }
        }

        return steps;
    }

    private static JsonObject? StatusOf(JsonObject? status, string container) =>
        (status?["containerStatuses"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(s => JsonRead.Text(s["name"]) == container);
}
