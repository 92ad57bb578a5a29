using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The hand-off on the real node (containerd, kubelet, a disk-backed emptyDir): SequentialJobs whose first step gives
/// the kubelet time to start every container, then no-op steps. Each hand-off is step k's <c>startedAt</c> minus step
/// k-1's <c>finishedAt</c>, both written by the step runner itself (sub-millisecond precision). Every step runs with
/// <c>KUEUELEULEU_TRACE=1</c>, so the containers' logs also split each hand-off into its phases (<see cref="HandOffPhases"/>).
/// </summary>
internal static class NodeHandOffBenchmark
{
    private static readonly int Runs =
        int.TryParse(Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_HANDOFF_RUNS"), out var n) && n > 0 ? n : 3;
    private const int Steps = 21;
    private static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(15);

    /// <summary>Never: the marker is not fsynced (nothing reads it after a node crash); OnFailure: it is.</summary>
    private static readonly string[] RestartPolicies = ["Never", "OnFailure"];

    public static async Task RunAsync()
    {
        var ns = await Kube.CreateNamespaceAsync("handoff");
        try
        {
            await using var op = await OperatorUnderTest.StartAsync(ns);
            await using var sjobs = await ObjectWatch.StartAsync(ns, "sequentialjobs");
            var handOffs = RestartPolicies.ToDictionary(p => p, _ => new List<double>());
            var phases = RestartPolicies.ToDictionary(p => p, _ => new List<HandOffPhases>());
            for (var run = 0; run < Runs; run++)
            {
                foreach (var policy in RestartPolicies)
                {
                    // One at a time: the measurement is the entrypoint's, not the node's throughput.
                    var name = $"handoff-{policy.ToLowerInvariant()}-{run}";
                    await OperatorBenchmark.CreateAllAsync(ns, [Traced(BenchManifests.HeadStart(name, Steps, HeadStart), policy)]);
                    await sjobs.WaitUntilAsync(seen => Last(seen, name)?["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed", TimeSpan.FromMinutes(5), $"{name} finished");
                    handOffs[policy].AddRange(HandOffs(Last(sjobs.Snapshot(), name)!));
                    phases[policy].AddRange(await TracedHandOffsAsync(ns, name));
                }
            }

            foreach (var policy in RestartPolicies)
            {
                Print(policy, handOffs[policy], phases[policy]);
            }
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    private static void Print(string policy, List<double> handOffs, List<HandOffPhases> phases)
    {
        Console.WriteLine($"### Hand-off on the node, `restartPolicy: {policy}` ({handOffs.Count} hand-offs: {Runs} SequentialJobs, one at a time, of a `sleep {HeadStart.TotalSeconds:0}` step then {Steps - 1} `true` steps)");
        Console.WriteLine();
        Console.WriteLine("| median | p90 | p99 | max |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine($"| {Stats.Ms(Stats.Percentile(handOffs, 50))} | {Stats.Ms(Stats.Percentile(handOffs, 90))} | {Stats.Ms(Stats.Percentile(handOffs, 99))} | {Stats.Ms(handOffs.Max())} |");
        Console.WriteLine();
        Console.WriteLine("Step k-1's `finishedAt` → step k's `startedAt`, from the SequentialJob's final status. The first step gives the kubelet");
        Console.WriteLine("time to start every container, so each later step is already waiting when its predecessor ends.");
        Console.WriteLine();
        PrintPhases(phases);
    }

    /// <summary>Every step with <c>KUEUELEULEU_TRACE=1</c>, the Pod with the restart policy.</summary>
    private static JsonObject Traced(JsonObject sequentialJob, string restartPolicy)
    {
        sequentialJob["spec"]!["template"]!["spec"]!["restartPolicy"] = restartPolicy;
        foreach (var container in sequentialJob["spec"]!["template"]!["spec"]!["containers"]!.AsArray())
        {
            container!["env"] = new JsonArray(new JsonObject { ["name"] = "KUEUELEULEU_TRACE", ["value"] = "1" });
        }

        return sequentialJob;
    }

    private static async Task<List<HandOffPhases>> TracedHandOffsAsync(string ns, string name)
    {
        var pods = JsonNode.Parse(await Kube.Kubectl.RunAsync(["-n", ns, "get", "pods", "-l", $"kueueleuleu.io/sequentialjob={name}", "-o", "json"]))!["items"]!.AsArray();
        var pod = pods.Single()!["metadata"]!["name"]!.GetValue<string>();
        var logs = new List<string>();
        for (var i = 1; i <= Steps; i++)
        {
            logs.Add(await Kube.Kubectl.RunAsync(["-n", ns, "logs", pod, "-c", $"step{i}"]));
        }

        var result = new List<HandOffPhases>();
        for (var i = 1; i < Steps; i++)
        {
            result.Add(HandOffPhases.From($"step{i}", logs[i - 1], $"step{i + 1}", logs[i])
                ?? throw new InvalidOperationException($"{name}: no complete trace of the hand-off step{i} → step{i + 1}:\n{logs[i - 1]}\n{logs[i]}"));
        }

        return result;
    }

    private static readonly double[] BucketEdges = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20];

    private static void PrintPhases(List<HandOffPhases> phases)
    {
        Console.WriteLine($"#### The same hand-offs, phase by phase ({phases.Count}, from the steps' `KUEUELEULEU_TRACE=1` logs; ms)");
        Console.WriteLine();
        var buckets = BucketEdges.Select((edge, i) => i == 0 ? $"≤ {edge}" : $"{BucketEdges[i - 1]}–{edge}").Append($"> {BucketEdges[^1]}").ToList();
        Console.WriteLine($"| phase | median | p90 | p99 | max | {string.Join(" | ", buckets)} |");
        Console.WriteLine($"| --- | --- | --- | --- | --- | {string.Join(" | ", buckets.Select(_ => "---"))} |");
        for (var k = 0; k < HandOffPhases.Names.Length; k++)
        {
            var values = phases.Select(p => p.Values[k]).ToList();
            var counts = new int[BucketEdges.Length + 1];
            foreach (var v in values)
            {
                var bucket = Array.FindIndex(BucketEdges, edge => v <= edge);
                counts[bucket < 0 ? BucketEdges.Length : bucket]++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {HandOffPhases.Names[k]} | {Stats.Percentile(values, 50):0.000} | " +
                $"{Stats.Percentile(values, 90):0.000} | {Stats.Percentile(values, 99):0.000} | {values.Max():0.000} | {string.Join(" | ", counts)} |"));
        }

        Console.WriteLine();
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
