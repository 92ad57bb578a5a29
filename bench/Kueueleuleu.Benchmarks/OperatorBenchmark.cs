using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The operator on the local cluster (hack/cluster/): Job creation throughput, status lag, API requests and status
/// writes per SequentialJob, and memory with many SequentialJobs cached. Each measurement gets its own namespace
/// (<c>bench-*</c>, deleted and waited for afterwards) and its own operator process, so other users of the cluster
/// are not disturbed and counters start from zero.
/// </summary>
internal static class OperatorBenchmark
{
    /// <summary>Parallel <c>kubectl create</c> processes: each posts its share of the objects one after the other.</summary>
    private const int CreateChunks = 4;
    private const string ManagedBy = "app.kubernetes.io/managed-by=kueueleuleu";
    private static readonly int[] CreationSizes = ParseSizes("KUEUELEULEU_BENCH_CREATE", [100, 500]);
    private static readonly int MemoryObjects = ParseSizes("KUEUELEULEU_BENCH_MEMORY", [1000])[0];
    private static readonly int LargeObjects = ParseSizes("KUEUELEULEU_BENCH_LARGE", [1000])[0];
    private const int LargeBytes = 1024 * 1024;

    /// <summary>
    /// The large part's operator runs with the GC heap limit .NET derives from config/manager's 256 Mi memory limit (75 %),
    /// as in the Deployment: without a limit the GC lets dead megabyte buffers pile up on the large object heap, which
    /// only a full collection frees, and the numbers say more about the machine's free memory than about the operator.
    /// KUEUELEULEU_BENCH_LARGE_LIMIT=none runs it without one.
    /// </summary>
    private static readonly Dictionary<string, string>? LargeEnvironment =
        Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_LARGE_LIMIT") == "none" ? null : new() { ["DOTNET_GCHeapHardLimit"] = "0xC000000" };

    /// <summary>Which measurements run (comma-separated: create, lag, handoff, memory, scale, large, cpushare); all but scale, large and cpushare by default.</summary>
    private static readonly string[] Parts = (Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_PARTS") is { Length: > 0 } p ? p : "create,lag,handoff,memory").Split(',');

    public static async Task RunAsync()
    {
        await Kube.PrepareAsync();
        Console.WriteLine("## Operator on the local cluster");
        Console.WriteLine();
        Console.WriteLine($"One operator process per measurement (default settings{(OperatorUnderTest.Workers is { } n ? $" but {n} workers" : "")}, the {OperatorBuild.Name} build), watching only that measurement's namespace.");
        Console.WriteLine($"Many-object runs give their Pods `nodeSelector: {{{BenchManifests.UnschedulableLabel}: none}}`, which no node has, so every Job and Pod");
        Console.WriteLine("is created and cached but the Pods stay Pending (the node admits ~110 Pods).");
        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()} (other users of the machine slow every number here).");
        Console.WriteLine();
        if (Parts.Contains("create"))
        {
            await CreationAsync();
        }

        if (Parts.Contains("lag"))
        {
            await StatusLagBenchmark.RunAsync();
        }

        if (Parts.Contains("handoff"))
        {
            await NodeHandOffBenchmark.RunAsync();
        }

        if (Parts.Contains("memory"))
        {
            await MemoryAsync();
        }

        if (Parts.Contains("scale"))
        {
            await ScaleBenchmark.RunAsync();
        }

        if (Parts.Contains("large"))
        {
            await LargeAsync();
        }

        if (Parts.Contains("cpushare"))
        {
            await CpuShareBenchmark.RunAsync();
        }
    }

    /// <summary>Creates the objects with parallel <c>kubectl create</c> calls and returns when all were accepted.</summary>
    public static async Task CreateAllAsync(string ns, IReadOnlyList<JsonObject> items) =>
        await Task.WhenAll(BenchManifests.Lists(items, CreateChunks)
            .Select(list => Kube.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], list, TimeSpan.FromMinutes(10))));

    /// <summary>Sums of the operator's metrics after it went quiet: no API request for two seconds, nothing queued.</summary>
    public static async Task<IReadOnlyList<(string Name, string Labels, double Value)>> SettledMetricsAsync(OperatorUnderTest op, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var previous = -1.0;
        var quietPolls = 0;
        while (true)
        {
            var metrics = await op.MetricsAsync();
            var requests = OperatorUnderTest.Sum(metrics, "kueueleuleu_operator_api_requests_total");
            var busy = OperatorUnderTest.Sum(metrics, "kueueleuleu_operator_workqueue_depth") + OperatorUnderTest.Sum(metrics, "kueueleuleu_operator_controller_active_workers");
            quietPolls = requests == previous && busy == 0 ? quietPolls + 1 : 0;
            // 4 s without a request: past the operator's own collection after a burst (2 idle checks 1 s apart).
            if (quietPolls >= 2)
            {
                return metrics;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the operator did not settle within {timeout}");
            }

            previous = requests;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static async Task CreationAsync()
    {
        Console.WriteLine($"### SequentialJobs created to Jobs created ({CreateChunks} parallel `kubectl create -f` of a List each)");
        Console.WriteLine();
        Console.WriteLine("| SequentialJobs | all accepted by the API server | half the Jobs seen | all Jobs seen | Jobs/s | operator API requests per SequentialJob |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var n in CreationSizes)
        {
            var ns = await Kube.CreateNamespaceAsync($"create{n}");
            try
            {
                await using var op = await OperatorUnderTest.StartAsync(ns);
                await using var jobs = await ObjectWatch.StartAsync(ns, "jobs", ManagedBy);
                var before = OperatorUnderTest.Sum(await op.MetricsAsync(), "kueueleuleu_operator_api_requests_total");
                var items = Enumerable.Range(0, n).Select(i => BenchManifests.Pending($"pending-{i:D4}")).ToList();
                var start = Stopwatch.GetTimestamp();
                await CreateAllAsync(ns, items);
                var accepted = Stopwatch.GetTimestamp();
                await jobs.WaitUntilAsync(seen => FirstSeen(seen).Count >= n, TimeSpan.FromMinutes(10), $"{n} Jobs");
                var firsts = FirstSeen(jobs.Snapshot()).Values.Order().ToList();
                var (half, all) = (Observed.Ms(start, firsts[(n / 2) - 1]), Observed.Ms(start, firsts[n - 1]));
                var after = OperatorUnderTest.Sum(await SettledMetricsAsync(op, TimeSpan.FromMinutes(5)), "kueueleuleu_operator_api_requests_total");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n} | {Seconds(Observed.Ms(start, accepted))} | {Seconds(half)} | {Seconds(all)} | {n / (all / 1000):0} | {(after - before) / n:0.0} |"));
            }
            finally
            {
                await Kube.DeleteNamespaceAsync(ns);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Times from the first create call; Jobs are seen through a `kubectl get jobs -w` started before it. Requests are counted until the");
        Console.WriteLine("operator went quiet (the Pods' Pending status updates included).");
        Console.WriteLine();
    }

    private static async Task MemoryAsync()
    {
        var n = MemoryObjects;
        var ns = await Kube.CreateNamespaceAsync($"memory{n}");
        try
        {
            var rows = new List<string>();
            await using (var op = await OperatorUnderTest.StartAsync(ns))
            {
                rows.Add(Row("no SequentialJob, just synced", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(1))));
                var items = Enumerable.Range(0, n).Select(i => BenchManifests.Pending($"pending-{i:D4}")).ToList();
                await CreateAllAsync(ns, items);
                await WaitCachedAsync(op, n);
                rows.Add(Row($"{n} SequentialJobs created while it ran, settled", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(10))));
            }

            // A fresh process lists everything at start-up: the memory of a restarted or newly elected operator.
            await using (var op = await OperatorUnderTest.StartAsync(ns))
            {
                await WaitCachedAsync(op, n);
                rows.Add(Row($"restarted with {n} present, synced and settled", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(10))));
            }

            Console.WriteLine($"### Operator memory with {n} Pending SequentialJobs (and their {n} Jobs and {n} Pods) cached");
            Console.WriteLine();
            Console.WriteLine("| state | RSS (VmRSS) | GC heap after last GC | GC committed | gen2 GCs |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine();
            Console.WriteLine("The GC columns are the operator's own `dotnet_gc_*` gauges from /metrics (heap = sum of generations' sizes after the latest collection).");
            Console.WriteLine();
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    /// <summary>
    /// Memory with SequentialJobs of 1 MiB each. Not in the default parts: it puts a gigabyte into etcd (whose default quota
    /// is 2 GiB; the local cluster's is 8 GiB) and takes a quarter of an hour.
    /// </summary>
    private static async Task LargeAsync()
    {
        var n = LargeObjects;
        var ns = await Kube.CreateNamespaceAsync($"large{n}");
        try
        {
            var rows = new List<string>();
            await using (var op = await OperatorUnderTest.StartAsync(ns, LargeEnvironment))
            {
                rows.Add(Row("no SequentialJob, just synced", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(1))));
                // Two per request: the API server takes requests of up to 3 MB.
                var lists = Enumerable.Range(0, n).Select(i => BenchManifests.Large($"large-{i:D4}", LargeBytes)).Chunk(2)
                    .Select(pair => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. pair]) }.ToJsonString())
                    .ToList();
                await Parallel.ForEachAsync(lists, new ParallelOptions { MaxDegreeOfParallelism = CreateChunks }, async (list, _) =>
                    await ApplyWithRetriesAsync(ns, list));
                await WaitCachedAsync(op, n, ["sequentialjobs"]);
                rows.Add(Row($"{n} SequentialJobs of 1 MiB created while it ran, settled", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(10))));
            }

            await using (var op = await OperatorUnderTest.StartAsync(ns, LargeEnvironment))
            {
                await WaitCachedAsync(op, n, ["sequentialjobs"]);
                rows.Add(Row($"restarted with {n} present, synced and settled", op, await SettledMetricsAsync(op, TimeSpan.FromMinutes(10))));
            }

            Console.WriteLine($"### Operator memory with {n} SequentialJobs of 1 MiB each cached ({(LargeEnvironment is null ? "no heap limit" : "GC heap limit 192 MiB, as under the Deployment's 256 Mi memory limit")})");
            Console.WriteLine();
            Console.WriteLine("| state | RSS (VmRSS) | GC heap after last GC | GC committed | gen2 GCs |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine();
            Console.WriteLine($"Each object: {LargeBytes / 1024} KiB as stored, nearly all of it one step's environment; the two steps wait for each other, so the");
            Console.WriteLine("spec is invalid and no Job or Pod is created (only the SequentialJob cache grows).");
            Console.WriteLine();
        }
        catch (Exception e)
        {
            // The namespace's deletion below can fail too (a loaded etcd) and would hide this cause.
            Console.Error.WriteLine($"the large part failed: {e.Message}");
            throw;
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
            await Kube.ReclaimEtcdAsync();
        }
    }

    /// <summary>
    /// Server-side apply, so that a request etcd timed out on (a gigabyte of writes on a busy disk does that; the object may
    /// or may not have been stored) can simply be sent again.
    /// </summary>
    private static async Task ApplyWithRetriesAsync(string ns, string list)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Kube.Kubectl.RunAsync(["-n", ns, "apply", "--server-side", "-f", "-", "-o", "name"], list, TimeSpan.FromMinutes(2));
                return;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("timed out", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2));
            }
        }
    }

    /// <summary>Waits until the operator's caches hold at least <paramref name="n"/> SequentialJobs, Jobs and Pods each.</summary>
    /// <param name="op">The operator.</param>
    /// <param name="n">How many of each.</param>
    /// <param name="timeout">How long to wait at most; 10 minutes if not given.</param>
    public static Task WaitCachedAsync(OperatorUnderTest op, int n, TimeSpan? timeout = null) => WaitCachedAsync(op, n, ["sequentialjobs", "jobs", "pods"], timeout);

    private static async Task WaitCachedAsync(OperatorUnderTest op, int n, string[] resources, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            var metrics = await op.MetricsAsync();
            // The resource label is the ResourceType's text, plural.version[.group], e.g. "jobs.v1.batch".
            var gauge = metrics.Where(m => m.Name.StartsWith("kueueleuleu_operator_informer_objects", StringComparison.Ordinal)).ToList();
            var cached = resources
                .Select(r => gauge.Where(m => m.Labels.Contains($"resource=\"{r}.", StringComparison.Ordinal)).Sum(m => m.Value))
                .ToList();
            if (cached.All(c => c >= n))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the caches did not reach {n} objects each: {string.Join(", ", cached)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A row of the memory tables: RSS now and the GC's gauges.</summary>
    public static string Row(string state, OperatorUnderTest op, IReadOnlyList<(string Name, string Labels, double Value)> metrics) =>
        Row(state, op.RssBytes(), metrics);

    /// <summary>A row of the memory tables: the given RSS and the GC's gauges.</summary>
    public static string Row(string state, long rss, IReadOnlyList<(string Name, string Labels, double Value)> metrics)
    {
        var heap = OperatorUnderTest.Sum(metrics, "dotnet_gc_last_collection_heap_size_bytes");
        var committed = OperatorUnderTest.Sum(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes");
        var gen2 = OperatorUnderTest.Sum(metrics, "dotnet_gc_collections_total", "gen2");
        return string.Create(CultureInfo.InvariantCulture, $"| {state} | {Mb(rss)} | {Mb(heap)} | {Mb(committed)} | {gen2:0} |");
    }

    /// <summary>The first observer-side stamp of each object name.</summary>
    private static Dictionary<string, long> FirstSeen(IReadOnlyList<Observed> seen) =>
        seen.GroupBy(o => o.Object["metadata"]!["name"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Min(o => o.Timestamp));

    public static string Seconds(double ms) => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Mb(double bytes) => (bytes / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>Sizes can be scaled down for a quick run, e.g. <c>KUEUELEULEU_BENCH_CREATE=20,50</c>.</summary>
    private static int[] ParseSizes(string variable, int[] defaults) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : defaults;
}
