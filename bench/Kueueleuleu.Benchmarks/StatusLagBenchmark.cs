using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// Runs real SequentialJobs (<c>sleep 0.5</c> steps) and measures, from two independent watches, how long after the
/// kubelet reported a step's container terminated the SequentialJob's status shows that step finished; and, from the
/// operator's /metrics, what one SequentialJob costs in API requests and status writes over its life.
/// </summary>
internal static class StatusLagBenchmark
{
    private const int Steps = 5;

    /// <summary>KUEUELEULEU_BENCH_LAG=CONCURRENTxROUNDS, default 10x3: how many SequentialJobs run at once, how many times.</summary>
    private static readonly (int Concurrent, int Rounds) Shape = ParseShape(Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_LAG") ?? "10x3");
    private static readonly int Concurrent = Shape.Concurrent;
    private static readonly int Rounds = Shape.Rounds;
    private const string ManagedBy = "app.kubernetes.io/managed-by=kueueleuleu";
    private static readonly string[] Terminal = ["Succeeded", "Failed", "Skipped"];

    public static async Task RunAsync()
    {
        var ns = await Kube.CreateNamespaceAsync("lag");
        try
        {
            await using var op = await OperatorUnderTest.StartAsync(ns);
            await using var pods = await ObjectWatch.StartAsync(ns, "pods", ManagedBy);
            await using var sjobs = await ObjectWatch.StartAsync(ns, "sequentialjobs");
            var (wallStart, stampStart) = (DateTimeOffset.UtcNow, Stopwatch.GetTimestamp());
            var before = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(1));
            var apiBefore = await Kube.ApiServerMetricsAsync();
            var (cpuBefore, runStart) = (op.CpuTime(), Stopwatch.StartNew());
            for (var round = 0; round < Rounds; round++)
            {
                var names = Enumerable.Range(0, Concurrent).Select(i => $"run-{round}-{i}").ToList();
                await OperatorBenchmark.CreateAllAsync(ns, names.Select(n => BenchManifests.Sleeping(n, Steps)).ToList());
                await sjobs.WaitUntilAsync(seen => names.All(n => Finished(seen, n)), TimeSpan.FromMinutes(5), $"round {round} finished");
            }

            var (cpu, runTime) = (op.CpuTime() - cpuBefore, runStart.Elapsed);
            var apiFinished = await Kube.ApiServerMetricsAsync();
            var finished = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(2));
            var observedSjobs = sjobs.Snapshot();
            var observedPods = pods.Snapshot();
            await Kube.Kubectl.RunAsync(["-n", ns, "delete", "sequentialjobs", "--all", "--wait=true", "--timeout=180s"], timeout: TimeSpan.FromMinutes(4));
            var deleted = await OperatorBenchmark.SettledMetricsAsync(op, TimeSpan.FromMinutes(2));

            PrintLag(observedPods, observedSjobs, wallStart, stampStart);
            PrintRequests(before, finished, deleted, observedSjobs);
            PrintOperatorTime(before, finished, cpu, runTime);
            PrintApiServerTime(apiBefore, apiFinished);
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    private static bool Finished(IReadOnlyList<Observed> seen, string name) =>
        seen.Any(o => Name(o.Object) == name && o.Object["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed");

    private static void PrintLag(IReadOnlyList<Observed> pods, IReadOnlyList<Observed> sjobs, DateTimeOffset wallStart, long stampStart)
    {
        // First moment the Pod shows container k terminated (the kubelet's report) ...
        var podSaw = new Dictionary<(string, string), (long Stamp, JsonObject Terminated)>();
        foreach (var o in pods)
        {
            var owner = o.Object["metadata"]!["labels"]!["kueueleuleu.io/sequentialjob"]!.GetValue<string>();
            foreach (var c in o.Object["status"]?["containerStatuses"]?.AsArray() ?? [])
            {
                if (c!["state"]?["terminated"] is JsonObject terminated)
                {
                    podSaw.TryAdd((owner, c["name"]!.GetValue<string>()), (o.Timestamp, terminated));
                }
            }
        }

        // ... and the first moment the SequentialJob's status.steps[k] is terminal.
        var statusSaw = new Dictionary<(string, string), (long Stamp, JsonObject Step)>();
        foreach (var o in sjobs)
        {
            foreach (var step in o.Object["status"]?["steps"]?.AsArray() ?? [])
            {
                if (Terminal.Contains(step!["state"]?.GetValue<string>()))
                {
                    statusSaw.TryAdd((Name(o.Object), step["name"]!.GetValue<string>()), (o.Timestamp, step.AsObject()));
                }
            }
        }

        var lags = statusSaw.Where(s => podSaw.ContainsKey(s.Key)).Select(s => Observed.Ms(podSaw[s.Key].Stamp, s.Value.Stamp)).ToList();
        // The command's own end (the step runner's termination message, sub-second) to the Pod watch: the kubelet's
        // share, for scale. Wall clock and observer stamps are both this machine's.
        var kubelet = statusSaw.Where(s => podSaw.ContainsKey(s.Key) && s.Value.Step["finishedAt"] is not null)
            .Select(s => Observed.Ms(stampStart, podSaw[s.Key].Stamp) - (DateTimeOffset.Parse(s.Value.Step["finishedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) - wallStart).TotalMilliseconds)
            .ToList();

        var expected = Rounds * Concurrent * Steps;
        Console.WriteLine($"### Pod status to SequentialJob status ({Rounds} rounds of {Concurrent} concurrent SequentialJobs of {Steps} `sleep 0.5` steps: {lags.Count} of {expected} step ends matched)");
        Console.WriteLine();
        Console.WriteLine("| lag | median | p90 | p99 | max |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| Pod shows step terminated → SequentialJob shows step finished | {Row(lags)} |");
        if (kubelet.Count > 0)
        {
            Console.WriteLine($"| for scale: step's `finishedAt` → Pod shows it terminated (kubelet) | {Row(kubelet)} |");
        }

        Console.WriteLine();
        Console.WriteLine("Both sides are first sightings in `kubectl get -w -o json` streams (pods, sequentialjobs) started before the runs, stamped on arrival.");
        Console.WriteLine(lags.Count > 0 && Stats.Percentile(lags, 99) < 100
            ? "Target p99 < 100 ms beyond the kubelet's report: **met**."
            : "Target p99 < 100 ms beyond the kubelet's report: **not met**.");
        Console.WriteLine();
    }

    private static void PrintRequests(
        IReadOnlyList<(string Name, string Labels, double Value)> before,
        IReadOnlyList<(string Name, string Labels, double Value)> finished,
        IReadOnlyList<(string Name, string Labels, double Value)> deleted,
        IReadOnlyList<Observed> sjobs)
    {
        const string requests = "kueueleuleu_operator_api_requests_total";
        double n = Rounds * Concurrent;
        Console.WriteLine($"### API requests and status writes per SequentialJob ({n} SequentialJobs of {Steps} steps, created to finished, then deleted)");
        Console.WriteLine();
        Console.WriteLine("| request | per SequentialJob, created to finished | per SequentialJob, deletion |");
        Console.WriteLine("| --- | --- | --- |");
        var keys = deleted.Where(m => m.Name == requests).Select(m => m.Labels).Distinct().Order(StringComparer.Ordinal);
        foreach (var labels in keys)
        {
            var (b, f, d) = (Value(before, requests, labels), Value(finished, requests, labels), Value(deleted, requests, labels));
            if (d - b > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{labels}` | {(f - b) / n:0.00} | {(d - f) / n:0.00} |"));
            }
        }

        var total = (OperatorUnderTest.Sum(finished, requests) - OperatorUnderTest.Sum(before, requests)) / n;
        var totalDeleted = (OperatorUnderTest.Sum(deleted, requests) - OperatorUnderTest.Sum(finished, requests)) / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | **{total:0.00}** | **{totalDeleted:0.00}** |"));
        Console.WriteLine();

        const string writes = "kueueleuleu_operator_status_writes_total";
        var written = OperatorUnderTest.Sum(finished, writes, "result=\"written\"") - OperatorUnderTest.Sum(before, writes, "result=\"written\"");
        var conflicts = OperatorUnderTest.Sum(finished, writes, "result=\"conflict\"") - OperatorUnderTest.Sum(before, writes, "result=\"conflict\"");
        var (changes, unchanged) = StatusChanges(sjobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Status writes: {written / n:0.00} per SequentialJob ({written} written, {conflicts} conflicts). The sequentialjobs watch saw {changes} status changes " +
            $"({changes / n:0.00} per SequentialJob) and {unchanged} new versions whose status equalled the previous one."));
        Console.WriteLine(written <= changes && unchanged == 0
            ? "Target no status write that changes nothing: **met** (every write produced a new, different status)."
            : $"Target no status write that changes nothing: **not met** ({written - changes + unchanged} writes changed nothing the watch could see).");
        Console.WriteLine();
    }

    private static (int, int) ParseShape(string text)
    {
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var c) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var r) && c > 0 && r > 0
            ? (c, r)
            : throw new ArgumentException($"KUEUELEULEU_BENCH_LAG must be CONCURRENTxROUNDS, such as 10x3; got '{text}'");
    }

    /// <summary>The operator's own histograms over the runs: how long keys waited for a worker and reconciles took.</summary>
    private static void PrintOperatorTime(
        IReadOnlyList<(string Name, string Labels, double Value)> before,
        IReadOnlyList<(string Name, string Labels, double Value)> finished,
        TimeSpan cpu,
        TimeSpan runTime)
    {
        Console.WriteLine("### Where the operator's time goes during the runs (its own histograms, bucket resolution)");
        Console.WriteLine();
        Console.WriteLine("| histogram | observations | mean | p50 | p90 | p99 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var name in new[] { "kueueleuleu_operator_workqueue_queue_duration_seconds", "kueueleuleu_operator_controller_reconcile_duration_seconds" })
        {
            var h = HistogramDelta.Between(before, finished, name);
            if (h.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{name}` | {h.Count} | {h.MeanMs:0.0} ms | {h.AtMostMs(0.5)} | {h.AtMostMs(0.9)} | {h.AtMostMs(0.99)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The operator used {cpu.TotalSeconds:0.00} s of CPU in the {runTime.TotalSeconds:0.0} s of the runs ({cpu / runTime * 100:0.0}% of one core); the load average after them: {File.ReadAllText("/proc/loadavg").Trim()}."));
        Console.WriteLine();
    }

    /// <summary>
    /// The API server's own time for the two writes on the measured path, from its request-duration histogram over
    /// the runs: the kubelet's Pod status report and the operator's status write.
    /// </summary>
    private static void PrintApiServerTime(
        IReadOnlyList<(string Name, string Labels, double Value)> before,
        IReadOnlyList<(string Name, string Labels, double Value)> finished)
    {
        const string duration = "apiserver_request_duration_seconds";
        Console.WriteLine("### The API server's own time for the writes on that path (`apiserver_request_duration_seconds`, bucket resolution)");
        Console.WriteLine();
        Console.WriteLine("| request | observations | mean | p50 | p90 | p99 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (what, labels) in new[]
        {
            ("the kubelet's `PATCH pods/status`", new[] { "resource=\"pods\"", "subresource=\"status\"", "verb=\"PATCH\"" }),
            ("the operator's `PUT sequentialjobs/status`", new[] { "resource=\"sequentialjobs\"", "subresource=\"status\"", "verb=\"PUT\"" }),
        })
        {
            var h = HistogramDelta.Between(before, finished, duration, labels);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {h.Count} | {h.MeanMs:0.0} ms | {h.AtMostMs(0.5)} | {h.AtMostMs(0.9)} | {h.AtMostMs(0.99)} |"));
        }

        Console.WriteLine();
    }

    /// <summary>Per SequentialJob, consecutive watched versions: how many changed the status, how many left it equal.</summary>
    private static (int Changes, int Unchanged) StatusChanges(IReadOnlyList<Observed> sjobs)
    {
        var (changes, unchanged) = (0, 0);
        foreach (var versions in sjobs.GroupBy(o => Name(o.Object)))
        {
            string? previous = null;
            foreach (var o in versions)
            {
                var status = o.Object["status"]?.ToJsonString();
                if (status != previous)
                {
                    changes++;
                }
                else if (status is not null)
                {
                    unchanged++;
                }

                previous = status;
            }
        }

        return (changes, unchanged);
    }

    private static double Value(IReadOnlyList<(string Name, string Labels, double Value)> metrics, string name, string labels) =>
        metrics.Where(m => m.Name == name && m.Labels == labels).Sum(m => m.Value);

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static string Row(List<double> values) =>
        $"{Stats.Ms(Stats.Percentile(values, 50))} | {Stats.Ms(Stats.Percentile(values, 90))} | {Stats.Ms(Stats.Percentile(values, 99))} | {Stats.Ms(values.Max())}";
}
