using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// Plays converted Pod manifests with <c>podman kube play</c>. Podman 4.3 turns an emptyDir into a named volume
/// that outlives the pod, so each run starts and ends by removing the pod and that volume; runs are serial.
/// </summary>
public static class Podman
{
    private const string SharedVolume = "kueueleuleu";

    /// <summary>Starts the pod described by <paramref name="podYaml"/> and returns at once.</summary>
    public static async Task<RunningPod> StartAsync(string podYaml)
    {
        var pod = ParsePod(podYaml);
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        await RemoveAsync(name);
        var file = Path.Combine(Path.GetTempPath(), $"kueueleuleu-e2e-{name}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, WithoutPolicyAnnotation(pod).ToJsonString());
        try
        {
            await RunAsync("kube", "play", "--network=none", "--quiet", file);
        }
        finally
        {
            File.Delete(file);
        }

        return new RunningPod(name, pod);
    }

    /// <summary>Plays the pod to the end and collects what every step did.</summary>
    public static async Task<PodRun> RunAsync(string podYaml, TimeSpan? timeout = null)
    {
        var running = await StartAsync(podYaml);
        return await running.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
    }

    internal static async Task<PodRun> CollectAsync(string name, JsonObject pod)
    {
        var steps = pod["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        var mountpoint = await SharedVolumeMountpointAsync();
        var markers = ReadMarkers(mountpoint);
        var runs = new List<ContainerRun>();
        foreach (var step in steps)
        {
            var container = $"{name}-{step}";
            var inspect = JsonNode.Parse((await RunAsync("inspect", "--format", "json", container)).StandardOutput)!;
            var state = inspect[0]!["State"]!;
            var logs = await ProcessRunner.RunAsync("podman", ["logs", container]);
            runs.Add(new ContainerRun(
                step,
                state["ExitCode"]!.GetValue<int>(),
                ParseTime(state["StartedAt"]!.GetValue<string>()),
                ParseTime(state["FinishedAt"]!.GetValue<string>()),
                logs.StandardOutput,
                logs.StandardError,
                markers.GetValueOrDefault(step),
                ReadTerminationMessage(mountpoint, step)));
        }

        await RemoveAsync(name);
        return new PodRun(pod, runs);
    }

    internal static async Task<ProcessResult> RunAsync(params string[] args) =>
        (await ProcessRunner.RunAsync("podman", args)).EnsureSuccess();

    internal static async Task RemoveAsync(string podName)
    {
        await ProcessRunner.RunAsync("podman", ["pod", "rm", "--force", "--ignore", podName]);
        await ProcessRunner.RunAsync("podman", ["volume", "rm", "--force", SharedVolume]);
    }

    private static async Task<string> SharedVolumeMountpointAsync() =>
        (await RunAsync("volume", "inspect", "--format", "{{.Mountpoint}}", SharedVolume)).StandardOutput.Trim();

    /// <summary>
    /// The termination message of a step whose <c>terminationMessagePath</c> is <c>/kueueleuleu/termination-STEP</c>, the
    /// shared volume: podman does not keep the file the kubelet would read, so manifests that need it put it there.
    /// </summary>
    private static string? ReadTerminationMessage(string mountpoint, string step)
    {
        var file = Path.Combine(mountpoint, "termination-" + step);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    private static Dictionary<string, JsonObject> ReadMarkers(string mountpoint)
    {
        var markers = new Dictionary<string, JsonObject>();
        var dir = Path.Combine(mountpoint, "steps");
        if (!Directory.Exists(dir))
        {
            return markers;
        }

        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            markers[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        }

        return markers;
    }

    /// <summary>
    /// Podman 4.3 wrongly limits annotation values to 63 characters, as if they were labels. The converted Pod
    /// no longer needs the policy annotation (every step's args carry its policy), so the harness drops it:
    /// that the Pod runs without it is part of what the tests show.
    /// </summary>
    private static JsonObject WithoutPolicyAnnotation(JsonObject pod)
    {
        var copy = (JsonObject)pod.DeepClone();
        (copy["metadata"]?["annotations"] as JsonObject)?.Remove("kueueleuleu.io/steps");
        return copy;
    }

    private static JsonObject ParsePod(string yaml)
    {
        // The CLI writes JSON as well as YAML; the harness asks it for JSON to know the pod it plays.
        var node = JsonNode.Parse(yaml, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!;
        return node.AsObject();
    }

    private static DateTimeOffset ParseTime(string podmanTime) =>
        DateTimeOffset.Parse(podmanTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
