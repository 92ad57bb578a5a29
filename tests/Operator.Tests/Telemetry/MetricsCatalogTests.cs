namespace Kueueleuleu.Operator.Tests.Telemetry;

/// <summary>The reader of docs/operator.md's metric tables, on the real document: it must not skip rows silently.</summary>
public class MetricsCatalogTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operator.md"));

    [Fact]
    public void Every_metric_row_of_the_section_is_read_as_a_family_or_as_buckets()
    {
        var catalog = MetricsCatalog.Read(Document);

        Assert.Equal(catalog.Rows, catalog.Families.Count + catalog.Buckets.Count);
        Assert.Equal(18, catalog.Families.Keys.Count(n => n.StartsWith("kueueleuleu_operator_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Families_carry_their_type_and_label_names_and_histograms_their_bounds()
    {
        var catalog = MetricsCatalog.Read(Document);

        var reconciles = catalog.Families["kueueleuleu_operator_controller_reconciles_total"];
        Assert.Equal(("counter", "controller,result"), (reconciles.Type, string.Join(",", reconciles.Labels.Order(StringComparer.Ordinal))));
        Assert.Empty(catalog.Families["dotnet_gc_last_collection_memory_committed_size_bytes"].Labels);
        Assert.Equal([0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200], catalog.Buckets["kueueleuleu_operator_step_duration_seconds"]);
        Assert.All(catalog.Buckets.Keys, name => Assert.Equal("histogram", catalog.Families[name].Type));
    }
}
