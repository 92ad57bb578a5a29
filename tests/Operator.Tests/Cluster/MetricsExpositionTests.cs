using System.Globalization;
using Kueueleuleu.Operator.Tests.Telemetry;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A running operator's <c>/metrics</c> against the tables of docs/operator.md: the same families with the same types,
/// label names and bucket bounds, none more, none missing. The operator runs with leader election (so the leadership
/// families appear) and one worker, through a proxy that holds its first Job create (so a second key waits in the
/// queue) and then loses it (so a reconcile fails and is retried: the error and retry families appear); then both runs
/// finish.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
public class MetricsExpositionTests(OperatorClusterFixture cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Metrics_serve_exactly_the_documented_families_types_labels_and_buckets()
    {
        var catalog = MetricsCatalog.Read(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "operator.md")));
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "metrics");
        await using var proxy = await RecordingFaultProxy.StartAsync(OperatorClusterFixture.AdminKubeconfig);
        using var kubeconfig = new ProxyKubeconfig(proxy.Url);
        await using var op = OperatorProcess.Start(
            OperatorProcess.BesideTests,
            [
                $"--kubeconfig={kubeconfig.Path}", $"--namespaces={ns.Name}", "--workers=1",
                "--leader-elect", $"--leader-election-namespace={ns.Name}", "--leader-election-name=kl-metrics", "--leader-election-identity=metrics",
            ]);
        await op.WaitReadyAsync(Bound);
        await Eventually.ThatAsync(async () => (await op.GetAsync("readyz")).Body.Contains("ok: leading", StringComparison.Ordinal), Bound, "the operator leads");

        // The one worker is held in the first Job create while the second SequentialJob's key waits in the queue.
        proxy.CutAtFirst(c => c.Method == "POST" && c.Path.Contains("/jobs", StringComparison.Ordinal));
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("measured", new Step("a", "echo a"), new Step("b", "echo b")) + "\n---\n" + SequentialJob("waited", new Step("a", "echo a")));
        await Eventually.ThatAsync(() => Task.FromResult(proxy.CutAt is not null), Bound, "the Job create reaches the proxy");
        await Eventually.ThatAsync(async () => (await op.GetAsync("metrics")).Body.Contains("kueueleuleu_operator_workqueue_depth{", StringComparison.Ordinal), Bound, "a key waits for the worker");
        proxy.Heal();
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "measured", Bound)));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "waited", Bound)));

        var scrape = PrometheusTextParser.Parse((await op.GetAsync("metrics")).Body);

        var documented = catalog.Families.Values.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
        var differences = Differences(documented, scrape.Types);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.All(scrape.Samples, sample => Assert.Equal(
            (sample.Name, Sorted(catalog.Families[FamilyOf(sample.Name, scrape.Types)].Labels)),
            (sample.Name, Sorted(sample.Labels.Keys.Where(k => k != "le")))));
        Assert.All(catalog.Buckets, histogram => Assert.Equal(
            (histogram.Key, string.Join(",", histogram.Value.Select(Text))),
            (histogram.Key, string.Join(",", BoundsServed(scrape, histogram.Key).Select(Text)))));
        Assert.True(scrape.Sum("dotnet_gc_collections_total", l => l["gc_heap_generation"] == "gen2") >= 1);
    }

    private static string FamilyOf(string sample, IReadOnlyDictionary<string, string> types) =>
        types.ContainsKey(sample) ? sample : new[] { "_bucket", "_sum", "_count" }.Where(sample.EndsWith).Select(s => sample[..^s.Length]).First(types.ContainsKey);

    private static IEnumerable<double> BoundsServed(PrometheusTextParser.Result scrape, string histogram)
    {
        var perSeries = scrape.Named(histogram + "_bucket")
            .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal)))
            .Select(g => string.Join(",", g.Select(s => s.Labels["le"])))
            .Distinct()
            .ToList();
        Assert.True(perSeries.Count == 1, $"{histogram}: {perSeries.Count} different bucket layouts: {string.Join(" | ", perSeries)}");
        return perSeries[0].Split(',').Where(le => le != "+Inf").Select(le => double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Sorted(IEnumerable<string> values) => string.Join(",", values.Order(StringComparer.Ordinal));

    private static List<string> Differences(Dictionary<string, string> documented, IReadOnlyDictionary<string, string> served) =>
    [
        .. documented.Keys.Except(served.Keys).Select(f => $"documented, not served: {f}"),
        .. served.Keys.Except(documented.Keys).Select(f => $"served, not documented: {f} {served[f]}"),
        .. documented.Where(f => served.TryGetValue(f.Key, out var type) && type != f.Value).Select(f => $"{f.Key}: documented {f.Value}, served {served[f.Key]}"),
    ];
}
