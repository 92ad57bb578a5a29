using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>When a container started and exited, as containerd recorded it (Unix nanoseconds).</summary>
internal sealed record ContainerRun(string Name, long StartedAtNs, long FinishedAtNs);

/// <summary>
/// The containers' start and exit times with nanosecond precision, read on the node (this machine) from the files in which
/// containerd's CRI plugin keeps each container's status. The Pod status carries the same times, but the API's
/// timestamps have one-second resolution, too coarse for runs of a few seconds.
/// </summary>
internal static class ContainerTimes
{
    private static readonly string CriContainers = Path.Combine("/var/lib/kueueleuleu-cluster", "containerd", "io.containerd.grpc.v1.cri", "containers");

    /// <summary>Every container and init container of the finished Pod, by name.</summary>
    public static IReadOnlyDictionary<string, ContainerRun> Read(JsonObject pod) =>
        Statuses(pod).Select(status => Run(status)).ToDictionary(run => run.Name);

    /// <summary>The Pod status' own reading: its creation to the last container's exit, in whole seconds as the API gives them.</summary>
    public static double ApiSeconds(JsonObject pod)
    {
        var created = Parse(pod["metadata"]!["creationTimestamp"]!);
        var last = Statuses(pod).Max(s => Parse(s["state"]!["terminated"]!["finishedAt"]!));
        return (last - created).TotalSeconds;
    }

    private static IEnumerable<JsonObject> Statuses(JsonObject pod) =>
        new[] { "initContainerStatuses", "containerStatuses" }
            .SelectMany(field => pod["status"]?[field]?.AsArray() ?? [])
            .Select(s => s!.AsObject());

    private static ContainerRun Run(JsonObject status)
    {
        var name = status["name"]!.GetValue<string>();
        var id = status["containerID"]?.GetValue<string>().Split("://", 2)[1]
            ?? throw new InvalidOperationException($"container {name} has no containerID: {status.ToJsonString()}");
        var file = Path.Combine(CriContainers, id, "status");
        var cri = JsonNode.Parse(File.ReadAllText(file))!;
        var exitCode = cri["ExitCode"]!.GetValue<int>();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"container {name} exited {exitCode}: {cri.ToJsonString()}");
        }

        return new ContainerRun(name, cri["StartedAt"]!.GetValue<long>(), cri["FinishedAt"]!.GetValue<long>());
    }

    private static DateTimeOffset Parse(JsonNode time) => DateTimeOffset.Parse(time.GetValue<string>(), CultureInfo.InvariantCulture);
}
