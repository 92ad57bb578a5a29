using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.Benchmarks;

/// <summary>How a Pod of steps is ordered in the side-by-side benchmark.</summary>
internal enum Ordering
{
    /// <summary>(a) The Pod as written: every container runs at once, nothing is ordered.</summary>
    Unconverted,

    /// <summary>(b) Converted by the converter library, as <c>kueueleuleu convert</c> does: the waiter uses inotify.</summary>
    Converted,

    /// <summary>(c) Converted, with every waiter polling for markers once a second, as the polling tools do.</summary>
    Polling,

    /// <summary>(d) Every step but the last as an init container, the last as the Pod's container: the kubelet orders them.</summary>
    InitContainers,
}

/// <summary>A shape of the benchmark's Pod: how long each of its steps runs.</summary>
/// <param name="Name">The shape's name in the table.</param>
/// <param name="Seconds">Each step's duration, in order; 0 is a no-op (<c>true</c>).</param>
internal sealed record PodShape(string Name, IReadOnlyList<double> Seconds)
{
    /// <summary>What the steps take when run one after the other with no cost between them.</summary>
    public double IdealSeconds => Seconds.Sum();
}

/// <summary>The side-by-side benchmark's Pods: one shape of steps, ordered four ways. Pure: no I/O.</summary>
internal static class SideBySidePods
{
    /// <summary>The polling tools' interval (Tekton's <c>defaultWaitPollingInterval</c>), given to our waiter in (c).</summary>
    public const string PollInterval = "1s";

    public static string StepName(int index) => $"step{index + 1:D2}";

    /// <summary>The Pod named <paramref name="name"/> with the shape's steps, ordered as <paramref name="ordering"/> says.</summary>
    public static JsonObject Pod(string name, PodShape shape, Ordering ordering, string entrypointImage)
    {
        var steps = shape.Seconds.Select((seconds, i) => Container(StepName(i), seconds)).ToList();
        var pod = ordering == Ordering.InitContainers ? Plain(name, steps[..^1], [steps[^1]]) : Plain(name, [], steps);
        return ordering switch
        {
            Ordering.Unconverted or Ordering.InitContainers => pod,
            Ordering.Converted => Convert(pod, entrypointImage),
            Ordering.Polling => WithPolling(Convert(pod, entrypointImage)),
            _ => throw new ArgumentOutOfRangeException(nameof(ordering)),
        };
    }

    /// <summary>Adds <c>--force-poll --poll-interval=1s</c> to every wrapped step's entrypoint arguments, after its <c>--step=</c>.</summary>
    public static JsonObject WithPolling(JsonObject convertedPod)
    {
        foreach (var container in convertedPod["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()))
        {
            var argv = new[] { "command", "args" }.Select(field => container[field]?.AsArray())
                .FirstOrDefault(list => list?.Any(a => a!.GetValue<string>().StartsWith(EntrypointProtocol.StepFlag, StringComparison.Ordinal)) == true)
                ?? throw new InvalidOperationException($"container {container["name"]} has no {EntrypointProtocol.StepFlag} argument: not a wrapped step");
            var at = argv.Select(a => a!.GetValue<string>()).ToList().FindIndex(a => a.StartsWith(EntrypointProtocol.StepFlag, StringComparison.Ordinal));
            argv.Insert(at + 1, "--force-poll");
            argv.Insert(at + 2, $"--poll-interval={PollInterval}");
        }

        return convertedPod;
    }

    private static JsonObject Convert(JsonObject pod, string entrypointImage)
    {
        var result = ManifestConverter.Convert(pod, new ConversionOptions { EntrypointImage = entrypointImage });
        return result.Document?.AsObject() ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    private static JsonObject Plain(string name, IEnumerable<JsonObject> initContainers, IEnumerable<JsonObject> containers)
    {
        var spec = new JsonObject { ["restartPolicy"] = "Never", ["terminationGracePeriodSeconds"] = 1 };
        if (initContainers.Any())
        {
            spec["initContainers"] = new JsonArray([.. initContainers]);
        }

        spec["containers"] = new JsonArray([.. containers]);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    private static JsonObject Container(string name, double seconds) => new()
    {
        ["name"] = name,
        ["image"] = LocalClusterScripts.BusyboxImage,
        ["imagePullPolicy"] = "Never",
        ["command"] = seconds == 0 ? new JsonArray("true") : new JsonArray("sleep", seconds.ToString(CultureInfo.InvariantCulture)),
    };
}
