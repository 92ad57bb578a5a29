using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The status a kubelet (v1.20, containerd) reports for a converted Pod whose steps all ran and exited 0: phase
/// Succeeded, every init and step container terminated with reason Completed, and each step's termination message as
/// the entrypoint writes it (<c>kueueleuleu/3 STEP succeeded 0 STARTED FINISHED 1 0</c>). The scale measurement writes
/// it through <c>pods/status</c> instead of running thousands of Pods on the one node: what the operator caches and
/// reads is the same as for Pods that ran, in shape and size (the field list follows the cluster-captured fixtures in
/// tests/StepProtocol.Tests/Fixtures/Status).
/// </summary>
internal static class FinishedPodStatus
{
    private const string NodeIp = "198.18.1.1";

    /// <summary>A merge patch body (<c>{"status": ...}</c>) for the Pod, its run starting at <paramref name="start"/>; its steps run one second each, one after the other.</summary>
    /// <param name="pod">The Pod as created by the Job controller (its spec names the containers, images and steps).</param>
    /// <param name="start">When the kubelet started the Pod.</param>
    /// <param name="podIndex">Distinguishes the Pod's IP and container IDs from the others'.</param>
    public static JsonObject Patch(JsonObject pod, DateTimeOffset start, int podIndex)
    {
        var spec = pod["spec"]!;
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        var initStatuses = new JsonArray();
        foreach (var init in spec["initContainers"]?.AsArray() ?? [])
        {
            initStatuses.Add(Terminated(init!.AsObject(), name, start.AddSeconds(1), start.AddSeconds(1), null));
        }

        var containerStatuses = new JsonArray();
        var steps = spec["containers"]!.AsArray();
        for (var i = 0; i < steps.Count; i++)
        {
            var container = steps[i]!.AsObject();
            var (commandStart, commandEnd) = (start.AddSeconds(2 + i).AddMilliseconds(3.7), start.AddSeconds(3 + i).AddMilliseconds(1.3));
            var message = Step(container) is { } step ? $"kueueleuleu/3 {step} succeeded 0 {Nano(commandStart)} {Nano(commandEnd)} 1 0\n" : null;
            // The kubelet starts every container at once; each waits on the entrypoint for the steps before it.
            containerStatuses.Add(Terminated(container, name, start.AddSeconds(2), commandEnd, message));
        }

        var ready = start.AddSeconds(3 + steps.Count);
        var podIp = $"198.18.{1 + (podIndex / 250 % 250)}.{1 + (podIndex % 250)}";
        return new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = "Succeeded",
                ["conditions"] = new JsonArray(
                    Condition("Initialized", "True", start.AddSeconds(1), "PodCompleted"),
                    Condition("Ready", "False", ready, "PodCompleted"),
                    Condition("ContainersReady", "False", ready, "PodCompleted"),
                    Condition("PodScheduled", "True", start, null)),
                ["hostIP"] = NodeIp,
                ["podIP"] = podIp,
                ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
                ["startTime"] = Seconds(start),
                ["initContainerStatuses"] = initStatuses,
                ["containerStatuses"] = containerStatuses,
            },
        };
    }

    /// <summary>How long after its start a Pod of <paramref name="steps"/> steps ends (<see cref="Patch"/>'s times), plus a second of margin.</summary>
    public static TimeSpan RunTime(int steps) => TimeSpan.FromSeconds(4 + steps);

    /// <summary>The step a container runs: its entrypoint's <c>--step=</c> argument; null for a container that is not a step.</summary>
    private static string? Step(JsonObject container) =>
        container["args"]?.AsArray().Select(a => a!.GetValue<string>()).FirstOrDefault(a => a.StartsWith("--step=", StringComparison.Ordinal))?["--step=".Length..];

    private static JsonObject Terminated(JsonObject container, string pod, DateTimeOffset started, DateTimeOffset finished, string? message)
    {
        var name = container["name"]!.GetValue<string>();
        var id = "containerd://" + Hex($"{pod}/{name}");
        var terminated = new JsonObject
        {
            ["exitCode"] = 0,
            ["reason"] = "Completed",
            ["startedAt"] = Seconds(started),
            ["finishedAt"] = Seconds(finished),
            ["containerID"] = id,
        };
        if (message is not null)
        {
            terminated["message"] = message;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["state"] = new JsonObject { ["terminated"] = terminated },
            ["lastState"] = new JsonObject(),
            ["ready"] = false,
            ["restartCount"] = 0,
            ["image"] = container["image"]!.GetValue<string>(),
            ["imageID"] = "sha256:" + Hex(container["image"]!.GetValue<string>()),
            ["containerID"] = id,
            ["started"] = false,
        };
    }

    private static JsonObject Condition(string type, string status, DateTimeOffset at, string? reason)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = Seconds(at) };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        return condition;
    }

    /// <summary>64 hex digits, like a container or image ID, derived from the text so reruns are identical.</summary>
    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The API server's resolution for container and Pod times: whole seconds.</summary>
    private static string Seconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The entrypoint writes Go's nanosecond RFC 3339; .NET has 100 ns ticks, so the last two digits are zeros.</summary>
    private static string Nano(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
}
