using System.Globalization;
using Kueueleuleu.Operator.Tests.Telemetry;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A running operator's <c>/metrics</c> against the tables of docs/operator.md: the same families with the same types,
/// label names and bucket bounds, none more, none missing. The operator runs with leader election (so the leadership
/// families appear) through a proxy that loses its first Job create in transit (so a reconcile fails and is retried,
/// and the error and retry families appear), then finishes a run of two steps.
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
                $"--kubeconfig={kubeconfig.Path}", $"--namespaces={ns.Name}", "--workers=4",
                "--leader-elect", $"--leader-election-namespace={ns.Name}", "--leader-election-name=kl-metrics", "--leader-election-identity=metrics",
            ]);
        await op.WaitReadyAsync(Bound);
        await Eventually.ThatAsync(async () => (await op.GetAsync("readyz")).Body.Contains("ok: leading", StringComparison.Ordinal), Bound, "the operator leads");

        proxy.CutAtFirst(c => c.Method == "POST" && c.Path.Contains("/jobs", StringComparison.Ordinal));
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("measured", new Step("a", "echo a"), new Step("b", "echo b")));
        await Eventually.ThatAsync(() => Task.FromResult(proxy.CutAt is not null), Bound, "the Job create reaches the proxy");
        proxy.Heal();
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "measured", Bound)));

        var scrape = PrometheusTextParser.Parse((await op.GetAsync("metrics")).Body);

        var served = scrape.Types.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var documented = catalog.Families.Values.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
        Assert.Equal(Sorted(documented), Sorted(served));
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

    private static string Sorted(IReadOnlyDictionary<string, string> families) =>
        string.Join("\n", families.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
}
