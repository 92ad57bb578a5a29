using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The operator at scale (issue 16): N SequentialJobs (default 5,000) created through the API while it runs, each
/// with its Job and a finished Pod. Measures how long after each SequentialJob was accepted its Job appeared, and the
/// operator's memory once everything finished, and again after a restart with all of it present.
/// </summary>
/// <remarks>
/// The one node cannot run thousands of Pods in reasonable time (it admits ~110 at once and starts a few per second),
/// so the Pods are never scheduled (<see cref="BenchManifests.UnschedulableLabel"/>) and the benchmark writes each
/// one's status through <c>pods/status</c> as the kubelet would once its steps ran (<see cref="FinishedPodStatus"/>).
/// The Job controller then completes the Jobs and the operator derives the SequentialJobs' statuses, as for Pods
/// that ran; the run checks that every SequentialJob ended Succeeded with every step Succeeded.
/// </remarks>
internal static class ScaleBenchmark
{
    private const int Steps = 5;
    private const string ManagedBy = "app.kubernetes.io/managed-by=kueueleuleu";
    private const string SequentialJobLabel = "kueueleuleu.io/sequentialjob";

    /// <summary>1,000,000 bytes per MB, as the issue's targets are written.</summary>
    private const double TargetRssBytes = 150e6;

    private static readonly int Objects = Setting("KUEUELEULEU_BENCH_SCALE", 5000);

    /// <summary>Requests in flight while creating and while writing Pod statuses (4, as the create part's kubectl processes).</summary>
    private static readonly int InFlight = Setting("KUEUELEULEU_BENCH_SCALE_PARALLEL", 4);

    public static async Task RunAsync()
    {
        var n = Objects;
        var ns = await Kube.CreateNamespaceAsync($"scale{n}");
        try
        {
            var total = Stopwatch.StartNew();
            var wave = await WaveAsync(ns, n);
            var restart = await RestartAsync(ns, n);
            Print(n, wave, restart, total.Elapsed);
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
            await Kube.ReclaimEtcdAsync();
        }
    }

    /// <summary>What one operator process went through: the creation, the Pods' arrival, their finishing, and its memory.</summary>
    /// <param name="Idle">The memory row before the first create.</param>
    /// <param name="Settled">The memory row once all finished and the operator went quiet.</param>
    /// <param name="Rss">Its RSS at that moment.</param>
    private sealed record Wave(Creation Creation, TimeSpan PodsCreated, Finishing Finishing, string Idle, string Settled, long Rss);

    /// <summary>A fresh operator started with everything present: when its caches were full, and its memory once quiet.</summary>
    private sealed record Restart(TimeSpan Synced, string Settled, long Rss);

    private static async Task<Wave> WaveAsync(string ns, int n)
    {
        await using var op = await OperatorUnderTest.StartAsync(ns);
        var idle = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(1));
        var idleRow = OperatorBenchmark.Row("no SequentialJob, just synced", op, idle);
        var created = Stopwatch.StartNew();
        var creation = await CreateAsync(ns, n, op, idle);
        // The Job controller creates the Pods at its own pace: the controller-manager's client is limited to 20 requests/s.
        await OperatorBenchmark.WaitCachedAsync(op, n, TimeSpan.FromMinutes(60));
        var podsCreated = created.Elapsed;
        var finishing = await FinishAsync(ns, n);
        var settled = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(20));
        var rss = op.RssBytes();
        return new Wave(creation, podsCreated, finishing, idleRow, OperatorBenchmark.Row($"{n} created while it ran, all finished, settled", rss, settled), rss);
    }

    /// <summary>A fresh process lists everything at start-up: the memory of a restarted or newly elected operator.</summary>
    private static async Task<Restart> RestartAsync(string ns, int n)
    {
        var clock = Stopwatch.StartNew();
        await using var op = await OperatorUnderTest.StartAsync(ns);
        await OperatorBenchmark.WaitCachedAsync(op, n);
        var synced = clock.Elapsed;
        var settled = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(20));
        var rss = op.RssBytes();
        return new Restart(synced, OperatorBenchmark.Row($"restarted with {n} present, synced and settled", rss, settled), rss);
    }

    /// <summary>Each SequentialJob's create response and its Job's first sighting, both on this process's monotonic clock.</summary>
    /// <param name="Start">When the first create was sent.</param>
    /// <param name="Accepted">Each SequentialJob's create response, by name.</param>
    /// <param name="JobSeen">The first sighting of each one's Job, by the SequentialJob's name.</param>
    /// <param name="TimeRows">Table rows: where the time went while creating (the operator's and the API server's histograms).</param>
    /// <param name="Work">What made the operator reconcile while creating.</param>
    private sealed record Creation(long Start, IReadOnlyDictionary<string, long> Accepted, IReadOnlyDictionary<string, long> JobSeen, IReadOnlyList<string> TimeRows, string Work);

    /// <summary>How long the Pod status writes took, and until every SequentialJob showed Succeeded.</summary>
    private sealed record Finishing(TimeSpan Written, TimeSpan AllSucceeded, int SucceededSteps, int SucceededPods);

    private static async Task<Creation> CreateAsync(string ns, int n, OperatorUnderTest op, IReadOnlyList<(string Name, string Labels, double Value)> operatorBefore)
    {
        await using var jobs = await ObjectWatch.StartAsync(ns, "jobs", ManagedBy);
        var apiBefore = await Kube.ApiServerMetricsAsync();
        var accepted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, cancel) =>
        {
            var name = $"scale-{i:D5}";
            await Kube.Client.CreateAsync(Kube.SequentialJobs, ns, BenchManifests.Pending(name, Steps), cancellationToken: cancel);
            accepted[name] = Stopwatch.GetTimestamp();
        });

        // Jobs also change after they appear (the Pod's creation); the count check keeps the polled condition cheap until then.
        await jobs.WaitUntilAsync(seen => seen.Count >= n && JobSeen(seen).Count >= n, TimeSpan.FromMinutes(20), $"{n} Jobs");
        var (operatorAfter, apiAfter) = (await op.MetricsAsync(), await Kube.ApiServerMetricsAsync());
        return new Creation(start, accepted, JobSeen(jobs.Snapshot()), TimeRows(operatorBefore, operatorAfter, apiBefore, apiAfter), Work(operatorBefore, operatorAfter, n));
    }

    /// <summary>The changes the operator's informers delivered (each queues its SequentialJob), the keys queued and the reconciles, per SequentialJob.</summary>
    private static string Work(IReadOnlyList<(string Name, string Labels, double Value)> before, IReadOnlyList<(string Name, string Labels, double Value)> after, int n)
    {
        double PerObject(string name, params string[] labels) => (OperatorUnderTest.Sum(after, name, labels) - OperatorUnderTest.Sum(before, name, labels)) / n;
        const string events = "kueueleuleu_operator_informer_events_total";
        var delivered = after.Where(m => m.Name == events).Select(m => m.Labels).Distinct().Order(StringComparer.Ordinal)
            .Select(labels => (labels, PerObject(events, labels))).Where(x => x.Item2 > 0)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"`{x.labels}` {x.Item2:0.00}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Per SequentialJob while creating: informer changes {string.Join(", ", delivered)}; keys queued {PerObject("kueueleuleu_operator_workqueue_adds_total"):0.00} (before deduplication); reconciles {PerObject("kueueleuleu_operator_controller_reconciles_total"):0.00}.");
    }

    /// <summary>
    /// The operator's queue wait and reconcile time, and the API server's own time for the two creates on the measured
    /// path, over the creation (bucket resolution; the API server's are cluster-wide, other users' requests included).
    /// </summary>
    private static List<string> TimeRows(
        IReadOnlyList<(string Name, string Labels, double Value)> operatorBefore,
        IReadOnlyList<(string Name, string Labels, double Value)> operatorAfter,
        IReadOnlyList<(string Name, string Labels, double Value)> apiBefore,
        IReadOnlyList<(string Name, string Labels, double Value)> apiAfter)
    {
        static string Row(string what, HistogramDelta h) =>
            string.Create(CultureInfo.InvariantCulture, $"| {what} | {h.Count} | {h.MeanMs:0.0} ms | {h.AtMostMs(0.5)} | {h.AtMostMs(0.9)} | {h.AtMostMs(0.99)} |");
        const string duration = "apiserver_request_duration_seconds";
        return
        [
            Row("operator: a key's wait for a worker (`workqueue_queue_duration`)", HistogramDelta.Between(operatorBefore, operatorAfter, "kueueleuleu_operator_workqueue_queue_duration_seconds")),
            Row("operator: a reconcile (`controller_reconcile_duration`)", HistogramDelta.Between(operatorBefore, operatorAfter, "kueueleuleu_operator_controller_reconcile_duration_seconds")),
            Row("API server: `POST sequentialjobs` (the benchmark's creates)", HistogramDelta.Between(apiBefore, apiAfter, duration, "resource=\"sequentialjobs\"", "verb=\"POST\"")),
            Row("API server: `POST jobs` (the operator's creates)", HistogramDelta.Between(apiBefore, apiAfter, duration, "resource=\"jobs\"", "verb=\"POST\"")),
        ];
    }

    /// <summary>Writes every Pod's finished status, then waits until every SequentialJob shows Succeeded.</summary>
    private static async Task<Finishing> FinishAsync(string ns, int n)
    {
        var pods = new List<JsonObject>();
        await foreach (var pod in Kube.Client.ListAllAsync(ResourceType.Pods, ns, new ListOptions { LabelSelector = ManagedBy }))
        {
            pods.Add(pod);
        }

        if (pods.Count != n)
        {
            throw new InvalidOperationException($"expected {n} Pods (one per Job), found {pods.Count}");
        }

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(pods.Select((pod, i) => (pod, i)), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (p, cancel) =>
            await Kube.Client.PatchStatusAsync(
                ResourceType.Pods, ns, p.pod["metadata"]!["name"]!.GetValue<string>(), Patch.Merge(FinishedPodStatus.Patch(p.pod, RunStart(p.pod), p.i)), cancellationToken: cancel));
        var written = clock.Elapsed;

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while (true)
        {
            var phases = new Dictionary<string, int>(StringComparer.Ordinal);
            var succeededSteps = 0;
            await foreach (var sjob in Kube.Client.ListAllAsync(Kube.SequentialJobs, ns))
            {
                var phase = sjob["status"]?["phase"]?.GetValue<string>() ?? "(none)";
                phases[phase] = phases.GetValueOrDefault(phase) + 1;
                succeededSteps += sjob["status"]?["steps"]?.AsArray().Count(s => s?["state"]?.GetValue<string>() == "Succeeded") ?? 0;
            }

            if (phases.GetValueOrDefault("Succeeded") == n && succeededSteps != n * Steps)
            {
                throw new InvalidOperationException($"all {n} SequentialJobs Succeeded but only {succeededSteps} of {n * Steps} steps show Succeeded");
            }

            if (phases.GetValueOrDefault("Succeeded") == n)
            {
                var allSucceeded = clock.Elapsed;
                var succeededPods = 0;
                await foreach (var pod in Kube.Client.ListAllAsync(ResourceType.Pods, ns, new ListOptions { LabelSelector = ManagedBy }))
                {
                    succeededPods += pod["status"]?["phase"]?.GetValue<string>() == "Succeeded" ? 1 : 0;
                }

                return new Finishing(written, allSucceeded, succeededSteps, succeededPods);
            }

            if (phases.ContainsKey("Failed") || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"the SequentialJobs did not all end Succeeded ({clock.Elapsed.TotalSeconds:0} s after the Pod statuses were written): " +
                    string.Join(", ", phases.Select(p => $"{p.Key} {p.Value}")));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>
    /// When the Pod's run started: a second after its creation, as a kubelet with nothing else to do would start it,
    /// but early enough that its last step ended before now (a Pod created just before the writes began).
    /// </summary>
    private static DateTimeOffset RunStart(JsonObject pod)
    {
        var created = DateTimeOffset.Parse(pod["metadata"]!["creationTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var latest = DateTimeOffset.UtcNow - FinishedPodStatus.RunTime(Steps);
        return created.AddSeconds(1) < latest ? created.AddSeconds(1) : latest;
    }

    private static void Print(int n, Wave wave, Restart restart, TimeSpan total)
    {
        var (creation, finishing) = (wave.Creation, wave.Finishing);
        var maxRss = Math.Max(wave.Rss, restart.Rss);
        var latencies = creation.Accepted.Select(a => Observed.Ms(a.Value, creation.JobSeen[a.Key])).ToList();
        var last = creation.Accepted.MaxBy(a => a.Value);
        var lastLatency = Observed.Ms(last.Value, creation.JobSeen[last.Key]);
        var allAccepted = Observed.Ms(creation.Start, last.Value);
        var allJobs = Observed.Ms(creation.Start, creation.JobSeen.Values.Max());

        Console.WriteLine($"### The operator at scale: {n} SequentialJobs of {Steps} steps, with their Jobs and finished Pods");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Created through the API, {InFlight} requests in flight: all {n} accepted after {OperatorBenchmark.Seconds(allAccepted)} ({n / (allAccepted / 1000):0} per second); all Jobs seen after {OperatorBenchmark.Seconds(allJobs)}."));
        Console.WriteLine();
        Console.WriteLine("| SequentialJob accepted (create response) → its Job seen (`kubectl get jobs -w`) | median | p90 | p99 | max |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| all {n} | {Stats.Ms(Stats.Percentile(latencies, 50))} | {Stats.Ms(Stats.Percentile(latencies, 90))} | {Stats.Ms(Stats.Percentile(latencies, 99))} | {Stats.Ms(latencies.Max())} |");
        Console.WriteLine();
        // A backlog that grows while the creates go on shows as medians rising from the first tenth to the last.
        var tenths = creation.Accepted.OrderBy(a => a.Value).Select(a => Observed.Ms(a.Value, creation.JobSeen[a.Key])).Chunk((n + 9) / 10)
            .Select(chunk => Stats.Percentile(chunk, 50).ToString("0", CultureInfo.InvariantCulture)).ToList();
        Console.WriteLine($"Median by tenth of the SequentialJobs in creation order, first to last (ms): {string.Join(", ", tenths)}.");
        Console.WriteLine();
        Console.WriteLine($"The last SequentialJob accepted ({last.Key}) → its Job seen: {Stats.Ms(lastLatency)}. Target ≤ 1 s: **{(lastLatency <= 1000 ? "met" : "not met")}**.");
        Console.WriteLine("Both ends are this process's monotonic clock (Stopwatch): the create call's return, and the arrival of the Job's first");
        Console.WriteLine("event on a `kubectl get jobs -w -o json` started before the first create.");
        Console.WriteLine();
        Console.WriteLine("| while creating (histograms, bucket resolution) | observations | mean | p50 | p90 | p99 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in creation.TimeRows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine(creation.Work);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"All {n} Pods existed (the Job controller's pace) {wave.PodsCreated.TotalSeconds:0.0} s after the first create. Pod statuses written (finished, not run; {InFlight} in flight) in {finishing.Written.TotalSeconds:0.0} s; all {n} SequentialJobs showed Succeeded " +
            $"{finishing.AllSucceeded.TotalSeconds:0.0} s after the first write, with {finishing.SucceededSteps} of {n * Steps} steps Succeeded; {finishing.SucceededPods} of {n} Pods Succeeded."));
        Console.WriteLine();
        Console.WriteLine("| state | RSS (VmRSS) | GC heap after last GC | GC committed | gen2 GCs |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine(wave.Idle);
        Console.WriteLine(wave.Settled);
        Console.WriteLine(restart.Settled);
        Console.WriteLine();
        Console.WriteLine("The GC columns are the operator's own `dotnet_gc_*` gauges from /metrics (heap = sum of generations' sizes after the latest collection).");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The restarted operator's caches held all {n} of each {restart.Synced.TotalSeconds:0.0} s after it was started."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target RSS ≤ 150 MB ({TargetRssBytes / 1024 / 1024:0.0} MiB) with all finished: **{(maxRss <= TargetRssBytes ? "met" : "not met")}** (the larger of the two: {OperatorBenchmark.Mb(maxRss)})."));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Whole measurement: {total.TotalMinutes:0.0} min; load average after it: {File.ReadAllText("/proc/loadavg").Trim()}."));
        Console.WriteLine();
    }

    /// <summary>The first sighting of each SequentialJob's Job, by the SequentialJob's name (the Job's label).</summary>
    private static Dictionary<string, long> JobSeen(IReadOnlyList<Observed> seen) =>
        seen.GroupBy(o => o.Object["metadata"]!["labels"]![SequentialJobLabel]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(o => o.Timestamp), StringComparer.Ordinal);

    private static int Setting(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
