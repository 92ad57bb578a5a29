using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.GitOps.Tests.Flux;

/// <summary>kstatus' statuses (sigs.k8s.io/cli-utils/pkg/kstatus/status), which Flux's health checks read.</summary>
public enum KStatus
{
    InProgress,
    Failed,
    Current,
    Terminating,
}

/// <summary>A computed status and the message kstatus gives with it.</summary>
internal sealed record KStatusResult(KStatus Status, string Message);

/// <summary>
/// This project's own implementation of kstatus' documented rules for a custom resource (a kind without built-in
/// rules), in kstatus' order:
/// <list type="number">
/// <item><c>metadata.deletionTimestamp</c> set: Terminating.</item>
/// <item><c>metadata.generation</c> and <c>status.observedGeneration</c> both present and different: InProgress
/// (reason LatestGenerationNotObserved). An absent <c>observedGeneration</c> is not compared.</item>
/// <item>The conditions in list order: the first of <c>Reconciling</c> True (InProgress) or <c>Stalled</c> True
/// (Failed) decides, with that condition's message.</item>
/// <item>A <c>Ready</c> condition on a resource that publishes neither <c>Reconciling</c> nor <c>Stalled</c>: True is
/// Current, anything else InProgress.</item>
/// <item>Otherwise Current: a custom resource whose conditions say nothing is taken as reconciled.</item>
/// </list>
/// </summary>
internal static class KStatusRules
{
    public static KStatusResult Compute(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"] as JsonObject;
        var status = obj["status"] as JsonObject;
        if (Text(metadata?["deletionTimestamp"]) is { Length: > 0 })
        {
            return new(KStatus.Terminating, "Resource scheduled for deletion");
        }

        if (Integer(metadata?["generation"]) is { } generation && Integer(status?["observedGeneration"]) is { } observed && observed != generation)
        {
            return new(KStatus.InProgress, $"{Text(obj["kind"])} generation is {generation}, but latest observed generation is {observed}");
        }

        var conditions = (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var condition in conditions)
        {
            var type = Text(condition["type"]);
            var isTrue = Text(condition["status"]) == "True";
            if (type == "Reconciling" && isTrue)
            {
                return new(KStatus.InProgress, Text(condition["message"]) ?? string.Empty);
            }

            if (type == "Stalled" && isTrue)
            {
                return new(KStatus.Failed, Text(condition["message"]) ?? string.Empty);
            }
        }

        var publishesReconcileConditions = conditions.Any(c => Text(c["type"]) is "Reconciling" or "Stalled");
        if (!publishesReconcileConditions && conditions.FirstOrDefault(c => Text(c["type"]) == "Ready") is { } ready)
        {
            return Text(ready["status"]) == "True"
                ? new(KStatus.Current, Text(ready["message"]) ?? "Resource is Ready")
                : new(KStatus.InProgress, Text(ready["message"]) ?? "Resource is not Ready");
        }

        return new(KStatus.Current, "Resource is current");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? Integer(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var n) ? n : null;
}

/// <summary>What Flux's wait concludes from one poll of a set of resources.</summary>
internal enum WaitVerdict
{
    /// <summary>Every resource is Current: the Kustomization (or HelmRelease) becomes Ready.</summary>
    Ready,

    /// <summary>A resource is Failed: the health check fails at once, without waiting for the timeout.</summary>
    Failed,

    /// <summary>Something is still InProgress (or Terminating): poll again until the timeout.</summary>
    KeepWaiting,
}

/// <summary>Flux's health-check wait over kstatus results: fail fast on Failed, done when all are Current.</summary>
internal static class FluxWait
{
    public static WaitVerdict Poll(IEnumerable<JsonObject> objects)
    {
        var statuses = objects.Select(o => KStatusRules.Compute(o).Status).ToList();
        return statuses.Contains(KStatus.Failed) ? WaitVerdict.Failed
            : statuses.All(s => s == KStatus.Current) ? WaitVerdict.Ready
            : WaitVerdict.KeepWaiting;
    }
}
