using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The hand-off on the real node (containerd, kubelet, a disk-backed emptyDir): SequentialJobs whose first step gives
/// the kubelet time to start every container, then no-op steps. Each hand-off is step k's <c>startedAt</c> minus step
/// k-1's <c>finishedAt</c>, both written by the step runner itself (sub-millisecond precision).
/// </summary>
internal static class NodeHandOffBenchmark
{
    private const int Runs = 3;
    private const int Steps = 21;
    private static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(25);

    public static async Task RunAsync()
    {
        var ns = await Kube.CreateNamespaceAsync("handoff");
        try
        {
            await using var op = await OperatorUnderTest.StartAsync(ns);
            await using var sjobs = await ObjectWatch.StartAsync(ns, "sequentialjobs");
            var handOffs = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                // One at a time: the measurement is the entrypoint's, not the node's throughput.
                var name = $"handoff-{run}";
                await OperatorBenchmark.CreateAllAsync(ns, [BenchManifests.HeadStart(name, Steps, HeadStart)]);
                await sjobs.WaitUntilAsync(seen => Last(seen, name)?["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed", TimeSpan.FromMinutes(5), $"{name} finished");
                handOffs.AddRange(HandOffs(Last(sjobs.Snapshot(), name)!));
            }

            Console.WriteLine($"### Hand-off on the node ({handOffs.Count} hand-offs: {Runs} SequentialJobs, one at a time, of a `sleep {HeadStart.TotalSeconds:0}` step then {Steps - 1} `true` steps)");
            Console.WriteLine();
            Console.WriteLine("| median | p90 | p99 | max |");
            Console.WriteLine("| --- | --- | --- | --- |");
            Console.WriteLine($"| {Stats.Ms(Stats.Percentile(handOffs, 50))} | {Stats.Ms(Stats.Percentile(handOffs, 90))} | {Stats.Ms(Stats.Percentile(handOffs, 99))} | {Stats.Ms(handOffs.Max())} |");
            Console.WriteLine();
            Console.WriteLine("Step k-1's `finishedAt` → step k's `startedAt`, from the SequentialJob's final status. The first step gives the kubelet");
            Console.WriteLine("time to start every container, so each later step is already waiting when its predecessor ends.");
            Console.WriteLine();
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    private static JsonObject? Last(IReadOnlyList<Observed> seen, string name) =>
        seen.LastOrDefault(o => o.Object["metadata"]?["name"]?.GetValue<string>() == name)?.Object;

    private static IEnumerable<double> HandOffs(JsonObject sjob)
    {
        var steps = sjob["status"]?["steps"]?.AsArray().Select(s => s!.AsObject()).ToList() ?? [];
        for (var k = 1; k < steps.Count; k++)
        {
            if (Time(steps[k], "startedAt") is { } started && Time(steps[k - 1], "finishedAt") is { } finished)
            {
                yield return (started - finished).TotalMilliseconds;
            }
        }
    }

    private static DateTimeOffset? Time(JsonObject step, string field) =>
        step[field]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}
