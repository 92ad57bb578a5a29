using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The same Pod of 20 steps on the local cluster's node, ordered four ways (<see cref="Ordering"/>), in two shapes, then a
/// SequentialJob applied to Complete. Runs are interleaved (every shape and ordering once, then again), so that a change
/// in the machine's other load touches every variant alike. Wall time runs from just before <c>kubectl create</c> to
/// the last step container's exit as containerd recorded it (<see cref="ContainerTimes"/>).
/// </summary>
internal static class SideBySideBenchmark
{
    private const int Steps = 20;
    private const int SequentialJobSteps = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static readonly int Runs =
        int.TryParse(Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_SIDE_RUNS"), out var n) && n > 0 ? n : 5;

    private static readonly PodShape[] Shapes =
    [
        new("20 no-op steps", [.. Enumerable.Repeat(0.0, Steps)]),
        new("`sleep 3`, then 19 × `sleep 0.3`", [3.0, .. Enumerable.Repeat(0.3, Steps - 1)]),
    ];

    /// <summary>One Pod's run, in seconds.</summary>
    /// <param name="Wall">Creation to the last step's exit.</param>
    /// <param name="Api">The same read from the Pod status (whole seconds).</param>
    /// <param name="FirstStart">Creation to the first container's start (any container, init containers included).</param>
    /// <param name="FirstStepLate">The first step's exit minus its own duration, after creation: when it could have begun.</param>
    /// <param name="ChainOverhead">The first step's exit to the last step's exit, beyond the other steps' durations.</param>
    /// <param name="Start">Where the Pod's start went, and the kubelet's pace of starting its step containers.</param>
    private sealed record PodSample(int Shape, Ordering Ordering, double Wall, double Api, double FirstStart, double FirstStepLate, double ChainOverhead, PodStart Start);

    /// <summary>The Pod's start, in seconds, and the gaps between its step containers' starts, in milliseconds.</summary>
    /// <param name="InitStarted">Creation to <c>kueueleuleu-init</c> started (NaN without it).</param>
    /// <param name="InitRan">Its start to its exit: the copy.</param>
    /// <param name="InitToSteps">Its exit to the first step container started: the kubelet noticing the exit.</param>
    /// <param name="StartGaps">Each step container's start after the previous step container's (spec order).</param>
    private sealed record PodStart(double InitStarted, double InitRan, double InitToSteps, IReadOnlyList<double> StartGaps);

    /// <summary>One SequentialJob's run, in seconds from just before <c>kubectl create</c>.</summary>
    private sealed record JobSample(double FirstStart, double LastExit, double Complete);

    public static async Task RunAsync()
    {
        await Kube.PrepareAsync();
        var ns = await Kube.CreateNamespaceAsync("side");
        try
        {
            var loadStart = File.ReadAllText("/proc/loadavg").Trim();
            var samples = new List<PodSample>();
            await using (var pods = await ObjectWatch.StartAsync(ns, "pods"))
            {
                for (var run = 0; run < Runs; run++)
                {
                    for (var shape = 0; shape < Shapes.Length; shape++)
                    {
                        foreach (var ordering in Enum.GetValues<Ordering>())
                        {
                            samples.Add(await RunPodAsync(ns, pods, shape, ordering, run));
                        }
                    }
                }
            }

            var loadPods = File.ReadAllText("/proc/loadavg").Trim();
            var jobs = await RunSequentialJobsAsync(ns);
            PrintPods(samples, loadStart, loadPods);
            PrintStarts(samples);
            PrintSequentialJobs(jobs, File.ReadAllText("/proc/loadavg").Trim());
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    private static async Task<PodSample> RunPodAsync(string ns, ObjectWatch pods, int shapeIndex, Ordering ordering, int run)
    {
        var shape = Shapes[shapeIndex];
        var name = $"shape{shapeIndex}-{ordering.ToString().ToLowerInvariant()}-{run}";
        var manifest = SideBySidePods.Pod(name, shape, ordering, LocalClusterScripts.EntrypointImage);
        var startNs = NowNs();
        await Kube.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], manifest.ToJsonString());
        await pods.WaitUntilAsync(seen => Phase(Last(seen, name)) is "Succeeded" or "Failed", Patience, $"pod {name} finished");
        var pod = await Kube.Kubectl.GetJsonAsync(ns, $"pod/{name}");
        if (Phase(pod) != "Succeeded")
        {
            throw new InvalidOperationException($"pod {name} did not succeed: {pod["status"]?.ToJsonString()}");
        }

        var runs = ContainerTimes.Read(pod);
        var steps = shape.Seconds.Select((_, i) => runs[SideBySidePods.StepName(i)]).ToList();
        var lastExit = steps.Max(s => s.FinishedAtNs);
        var sample = new PodSample(
            shapeIndex,
            ordering,
            Seconds(startNs, lastExit),
            ContainerTimes.ApiSeconds(pod),
            Seconds(startNs, runs.Values.Min(r => r.StartedAtNs)),
            Seconds(startNs, steps[0].FinishedAtNs) - shape.Seconds[0],
            Seconds(steps[0].FinishedAtNs, lastExit) - (shape.IdealSeconds - shape.Seconds[0]),
            StartOf(runs, steps, startNs));
        // Deleted before the next run, so that its teardown does not overlap the next Pod's start.
        await Kube.Kubectl.RunAsync(["-n", ns, "delete", "pod", name, "--wait=true", "--timeout=120s"], timeout: TimeSpan.FromMinutes(3));
        return sample;
    }

    private static PodStart StartOf(IReadOnlyDictionary<string, ContainerRun> runs, List<ContainerRun> steps, long createdNs)
    {
        var gaps = steps.Zip(steps.Skip(1), (a, b) => (b.StartedAtNs - a.StartedAtNs) / 1e6).ToList();
        if (!runs.TryGetValue(EntrypointProtocol.InitContainerName, out var init))
        {
            return new PodStart(double.NaN, double.NaN, double.NaN, gaps);
        }

        return new PodStart(Seconds(createdNs, init.StartedAtNs), Seconds(init.StartedAtNs, init.FinishedAtNs), Seconds(init.FinishedAtNs, steps.Min(s => s.StartedAtNs)), gaps);
    }

    private static void PrintStarts(List<PodSample> samples)
    {
        Console.WriteLine($"#### Where the Pod's start goes, and the kubelet's pace of starting the step containers (medians over the same runs)");
        Console.WriteLine();
        Console.WriteLine("| steps | ordering | creation → first container started | creation → `kueueleuleu-init` started | its run (the copy) | its exit → first step container started | step container starts, gap median | p90 | max |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var shape = 0; shape < Shapes.Length; shape++)
        {
            foreach (var ordering in Enum.GetValues<Ordering>())
            {
                var group = samples.Where(s => s.Shape == shape && s.Ordering == ordering).ToList();
                var gaps = group.SelectMany(s => s.Start.StartGaps).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Shapes[shape].Name} | {Describe(ordering)} | {Sec(Median(group.Select(s => s.FirstStart)))} | {SecOrDash(group.Select(s => s.Start.InitStarted))} | " +
                    $"{SecOrDash(group.Select(s => s.Start.InitRan))} | {SecOrDash(group.Select(s => s.Start.InitToSteps))} | " +
                    $"{Stats.Ms(Median(gaps))} | {Stats.Ms(Stats.Percentile(gaps, 90))} | {Stats.Ms(gaps.Max())} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("A gap is one step container's `StartedAt` after the previous one's (containerd's times; for init containers, the next one's start after the previous one's).");
        Console.WriteLine();
    }

    private static string SecOrDash(IEnumerable<double> values) =>
        values.Where(v => !double.IsNaN(v)).ToList() is { Count: > 0 } known ? Sec(Median(known)) : "–";

    private static async Task<List<JobSample>> RunSequentialJobsAsync(string ns)
    {
        var samples = new List<JobSample>();
        await using var op = await OperatorUnderTest.StartAsync(ns);
        await using var sjobs = await ObjectWatch.StartAsync(ns, "sequentialjobs");
        for (var run = 0; run < Runs; run++)
        {
            var name = $"sjob-{run}";
            var startNs = NowNs();
            var started = Stopwatch.GetTimestamp();
            await Kube.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], BenchManifests.SleepingFor(name, SequentialJobSteps, 1).ToJsonString());
            await sjobs.WaitUntilAsync(seen => Condition(Last(seen, name), "Complete") || Condition(Last(seen, name), "Failed"), Patience, $"{name} finished");
            var done = sjobs.Snapshot().First(o => Name(o.Object) == name && Condition(o.Object, "Complete"));
            var pod = (await Kube.Kubectl.RunAsync(["-n", ns, "get", "pods", "-l", $"kueueleuleu.io/sequentialjob={name}", "-o", "json"]))
                is var list && JsonNode.Parse(list)!["items"]!.AsArray() is [JsonObject only] ? only
                : throw new InvalidOperationException($"{name}: expected one Pod: {list}");
            var runs = ContainerTimes.Read(pod).Values.ToList();
            samples.Add(new JobSample(
                Seconds(startNs, runs.Min(r => r.StartedAtNs)),
                Seconds(startNs, runs.Max(r => r.FinishedAtNs)),
                Observed.Ms(started, done.Timestamp) / 1000));
            await Kube.Kubectl.RunAsync(["-n", ns, "delete", "sequentialjob", name, "--wait=true", "--timeout=120s"], timeout: TimeSpan.FromMinutes(3));
            await Kube.Kubectl.RunAsync(["-n", ns, "wait", "--for=delete", "pod", "-l", $"kueueleuleu.io/sequentialjob={name}", "--timeout=120s"], timeout: TimeSpan.FromMinutes(3));
        }

        return samples;
    }

    private static void PrintPods(List<PodSample> samples, string loadStart, string loadEnd)
    {
        Console.WriteLine($"### Side by side on the node: one Pod of {Steps} steps, four orderings (median of {Runs} runs each, interleaved)");
        Console.WriteLine();
        Console.WriteLine($"Load average at the start: {loadStart}; after the Pods: {loadEnd}.");
        Console.WriteLine();
        Console.WriteLine("| steps | ordering | creation → last step's exit: median | min–max | ÷ unconverted | ÷ ideal sum | Pod status reading (1 s resolution), median | creation → first container started | first step could begin (its exit − its duration) | chain beyond the steps' own time |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var shape = 0; shape < Shapes.Length; shape++)
        {
            var unconverted = Median(samples.Where(s => s.Shape == shape && s.Ordering == Ordering.Unconverted).Select(s => s.Wall));
            foreach (var ordering in Enum.GetValues<Ordering>())
            {
                var group = samples.Where(s => s.Shape == shape && s.Ordering == ordering).ToList();
                var wall = Median(group.Select(s => s.Wall));
                var ideal = Shapes[shape].IdealSeconds;
                var chain = ordering == Ordering.Unconverted ? "–" : Sec(Median(group.Select(s => s.ChainOverhead)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Shapes[shape].Name} | {Describe(ordering)} | {Sec(wall)} | {Sec(group.Min(s => s.Wall))}–{Sec(group.Max(s => s.Wall))} | " +
                    $"{wall / unconverted:0.00} | {(ideal > 0 ? (wall / ideal).ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {Sec(Median(group.Select(s => s.Api)))} | " +
                    $"{Sec(Median(group.Select(s => s.FirstStart)))} | {Sec(Median(group.Select(s => s.FirstStepLate)))} | {chain} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Ideal sums: {string.Join("; ", Shapes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.IdealSeconds:0.0} s")))}.");
        Console.WriteLine("Times from containerd's CRI status files on the node (ns), against the wall clock read just before `kubectl create`.");
        Console.WriteLine();
    }

    private static void PrintSequentialJobs(List<JobSample> samples, string load)
    {
        Console.WriteLine($"### A SequentialJob of {SequentialJobSteps} steps of `sleep 1`, apply to Complete (median of {Runs}; ideal {SequentialJobSteps} s)");
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {load}.");
        Console.WriteLine();
        Console.WriteLine("| create → first container started | create → last step's exit | create → Complete seen by a watch | min–max | ÷ ideal |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var complete = Median(samples.Select(s => s.Complete));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Sec(Median(samples.Select(s => s.FirstStart)))} | {Sec(Median(samples.Select(s => s.LastExit)))} | {Sec(complete)} | " +
            $"{Sec(samples.Min(s => s.Complete))}–{Sec(samples.Max(s => s.Complete))} | {complete / SequentialJobSteps:0.00} |"));
        Console.WriteLine();
    }

    private static string Describe(Ordering ordering) => ordering switch
    {
        Ordering.Unconverted => "(a) unconverted, all at once",
        Ordering.Converted => "(b) converted by kueueleuleu (inotify)",
        Ordering.Polling => $"(c) converted, waiter polling every {SideBySidePods.PollInterval}",
        Ordering.InitContainers => "(d) init containers",
        _ => throw new ArgumentOutOfRangeException(nameof(ordering)),
    };

    private static long NowNs() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static double Seconds(long fromNs, long toNs) => (toNs - fromNs) / 1e9;

    private static double Median(IEnumerable<double> values) => Stats.Percentile([.. values], 50);

    private static string Sec(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string? Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>();

    private static JsonObject? Last(IReadOnlyList<Observed> seen, string name) => seen.LastOrDefault(o => Name(o.Object) == name)?.Object;

    private static string? Phase(JsonObject? pod) => pod?["status"]?["phase"]?.GetValue<string>();

    private static bool Condition(JsonObject? o, string type) =>
        (o?["status"]?["conditions"]?.AsArray() ?? []).Any(c => c?["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == "True");
}
