using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// How long one step's exit takes to start the next, and what sequencing costs a whole pod, in podman.
/// </summary>
internal static class HandOffBenchmark
{
    private const int PodsForHandOff = 5;
    private const int StepsPerPod = 40;
    private const int RatioRuns = 5;
    private const int RatioSteps = 20;
    private static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(StepsPerPod);

    public static async Task RunAsync()
    {
        var handOffs = new List<double>();
        for (var run = 0; run < PodsForHandOff; run++)
        {
            var pod = Convert(PodmanPods.NoOpPod("bench-handoff", StepsPerPod, HeadStart));
            await PodmanPods.PlayAsync(pod);
            var markers = await PodmanPods.MarkersAsync(pod);
            for (var i = 1; i < markers.Count; i++)
            {
                handOffs.Add((markers[i].Started - markers[i - 1].Finished).TotalMilliseconds);
            }

            await PodmanPods.CleanAsync("bench-handoff");
        }

        Console.WriteLine($"### Hand-off latency (podman, {handOffs.Count} hand-offs over {PodsForHandOff} pods of {StepsPerPod} no-op steps)");
        Console.WriteLine();
        Console.WriteLine("| median | p90 | p99 | max |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine($"| {Stats.Ms(Stats.Percentile(handOffs, 50))} | {Stats.Ms(Stats.Percentile(handOffs, 90))} | " +
            $"{Stats.Ms(Stats.Percentile(handOffs, 99))} | {Stats.Ms(handOffs.Max())} |");
        Console.WriteLine();

        var plain = new List<double>();
        var sequenced = new List<double>();
        for (var run = 0; run < RatioRuns; run++)
        {
            var pod = PodmanPods.NoOpPod("bench-ratio", RatioSteps);
            plain.Add((await PodmanPods.PlayAsync(pod)).TotalMilliseconds);
            sequenced.Add((await PodmanPods.PlayAsync(Convert(pod))).TotalMilliseconds);
            await PodmanPods.CleanAsync("bench-ratio");
        }

        var (p, s) = (Stats.Percentile(plain, 50), Stats.Percentile(sequenced, 50));
        Console.WriteLine($"### A pod of {RatioSteps} no-op steps, `kube play` until every container exited (median of {RatioRuns})");
        Console.WriteLine();
        Console.WriteLine("| unconverted (all at once) | converted (one after the other) | ratio |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| {Stats.Ms(p)} | {Stats.Ms(s)} | {s / p:0.00} |");
        Console.WriteLine();
    }

    private static System.Text.Json.Nodes.JsonObject Convert(System.Text.Json.Nodes.JsonObject pod)
    {
        var result = ManifestConverter.Convert(pod, new ConversionOptions());
        return result.Document?.AsObject() ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }
}
