using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>Generates no-op step pods and plays them in podman, timing the whole run.</summary>
internal static class PodmanPods
{
    /// <summary>
    /// A pod of <paramref name="steps"/> no-op steps. With <paramref name="headStart"/>, the first step sleeps that
    /// long so podman has started every container before the chain begins: the hand-offs then measure the
    /// entrypoint, not podman creating the next container.
    /// </summary>
    public static JsonObject NoOpPod(string name, int steps, TimeSpan? headStart = null)
    {
        var containers = new JsonArray();
        for (var i = 0; i < steps; i++)
        {
            var command = i == 0 && headStart is { } wait
                ? new JsonArray("sleep", wait.TotalSeconds.ToString(CultureInfo.InvariantCulture))
                : new JsonArray("true");
            containers.Add(new JsonObject
            {
                ["name"] = $"step-{i:D2}",
                ["image"] = "localhost/busybox:local",
                ["imagePullPolicy"] = "Never",
                ["command"] = command,
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = containers },
        };
    }

    /// <summary>Plays the pod and returns the wall time from `kube play` until every step container exited.</summary>
    public static async Task<TimeSpan> PlayAsync(JsonObject pod)
    {
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        await CleanAsync(name);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, pod.ToJsonString());
        var containers = pod["spec"]!["containers"]!.AsArray().Select(c => $"{name}-{c!["name"]!.GetValue<string>()}");
        var clock = Stopwatch.StartNew();
        await PodmanAsync(["kube", "play", "--network=none", "--quiet", file]);
        await PodmanAsync(["wait", .. containers]);
        clock.Stop();
        File.Delete(file);
        return clock.Elapsed;
    }

    /// <summary>The steps' markers in spec order: (started, finished) of each command.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset Started, DateTimeOffset Finished)>> MarkersAsync(JsonObject pod)
    {
        var dir = (await PodmanAsync(["volume", "inspect", "--format", "{{.Mountpoint}}", "kueueleuleu"])).Trim();
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            var marker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "steps", container!["name"]!.GetValue<string>() + ".json")))!;
            result.Add((Parse(marker["startedAt"]!), Parse(marker["finishedAt"]!)));
        }

        return result;
    }

    public static async Task CleanAsync(string name)
    {
        await PodmanAsync(["pod", "rm", "--force", "--ignore", name]);
        await PodmanAsync(["volume", "rm", "--force", "kueueleuleu"]);
    }

    /// <summary>Runs podman within a bound; fails with its output, since a broken benchmark must not print numbers.</summary>
    private static async Task<string> PodmanAsync(IEnumerable<string> args) =>
        (await ProcessRunner.RunAsync("podman", args, timeout: TimeSpan.FromMinutes(10))).EnsureSuccess().StandardOutput;

    private static DateTimeOffset Parse(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
