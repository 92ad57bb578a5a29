using System.Net;
using Kueueleuleu.Operator.Tests.Telemetry;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>The shared operator's HTTP endpoints after a real run.</summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class TelemetryEndpointTests(OperatorClusterFixture cluster)
{
    [Fact]
    public async Task Metrics_parse_and_count_the_reconciles_writes_and_runs_of_a_run()
    {
        var ns = cluster.Namespace("telemetry");
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("measured", new Step("a", "echo a"), new Step("b", "echo b")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns, "measured", TimeSpan.FromMinutes(3))));

        var (status, body, contentType) = await cluster.Shared.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        var scrape = PrometheusTextParser.Parse(body);
        Assert.True(scrape.Sum("kueueleuleu_operator_controller_reconciles_total", l => l["result"] == "success") > 0);
        Assert.Equal("histogram", scrape.Types["kueueleuleu_operator_controller_reconcile_duration_seconds"]);
        Assert.True(scrape.Sum("kueueleuleu_operator_runs_finished_total", l => l["outcome"] == "Succeeded") >= 1);
        Assert.True(scrape.Sum("kueueleuleu_operator_status_writes_total", l => l["result"] == "written") >= 1);
        Assert.True(scrape.Sum("kueueleuleu_operator_step_duration_seconds_count") >= 2);
        Assert.True(scrape.Sum("kueueleuleu_operator_api_requests_total", l => l["verb"] == "create" && l["resource"] == "jobs" && l["code"] == "201") >= 1);
        Assert.True(scrape.Sum("kueueleuleu_operator_informer_objects", l => l["resource"].StartsWith("sequentialjobs", StringComparison.Ordinal)) >= 1);
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok_once_the_caches_synced()
    {
        var healthz = await cluster.Shared.GetAsync("healthz");
        var readyz = await cluster.Shared.GetAsync("readyz");

        Assert.Equal((HttpStatusCode.OK, "ok\n"), (healthz.Status, healthz.Body));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), (readyz.Status, readyz.Body));
    }
}
