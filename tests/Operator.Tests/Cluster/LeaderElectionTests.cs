using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>Two operator processes with leader election: only the Lease holder reconciles; killing it hands over.</summary>
[Collection(OperatorClusterDefinition.Name)]
public class LeaderElectionTests(OperatorClusterFixture cluster)
{
    private const string Lease = "kl-e2e-operator";

    [Fact]
    public async Task Only_the_leader_acts_and_killing_it_hands_over()
    {
        var ns = cluster.Namespace("leader");
        await using var a = Start(ns, "replica-a");
        await using var b = Start(ns, "replica-b");
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(60)), b.WaitReadyAsync(TimeSpan.FromSeconds(60)));
        await Eventually.ThatAsync(async () => await HolderAsync(ns) is "replica-a" or "replica-b", TimeSpan.FromSeconds(60), "a replica holds the Lease");
        var (leader, standby) = await HolderAsync(ns) == "replica-a" ? (a, b) : (b, a);

        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("first", new Step("only", "echo one")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns, "first", TimeSpan.FromMinutes(3))));
        Assert.True(await JobsCreatedAsync(leader) >= 1);
        Assert.Equal(0, await JobsCreatedAsync(standby));
        Assert.Equal(0, (await ScrapeAsync(standby)).Sum("kueueleuleu_operator_controller_reconciles_total"));
        Assert.Contains("standing by", (await standby.GetAsync("readyz")).Body, StringComparison.Ordinal);

        var standbyIdentity = standby == a ? "replica-a" : "replica-b";
        await leader.KillAsync();
        await Eventually.ThatAsync(async () => await HolderAsync(ns) == standbyIdentity, TimeSpan.FromSeconds(60), $"{standbyIdentity} takes the Lease over");
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("second", new Step("only", "echo two")));

        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns, "second", TimeSpan.FromMinutes(3))));
        Assert.True(await JobsCreatedAsync(standby) >= 1);
        Assert.Contains("ok: leading", (await standby.GetAsync("readyz")).Body, StringComparison.Ordinal);
    }

    private OperatorProcess Start(string ns, string identity) => cluster.StartOperator(
        [ns],
        "--leader-elect",
        $"--leader-election-namespace={ns}",
        $"--leader-election-name={Lease}",
        $"--leader-election-identity={identity}",
        "--leader-election-lease-duration=4s",
        "--leader-election-renew-deadline=3s",
        "--leader-election-retry-period=500ms");

    private async Task<string> HolderAsync(string ns)
    {
        var (exit, stdout, _) = await cluster.Kubectl.TryRunAsync(["-n", ns, "get", "lease", Lease, "-o", "jsonpath={.spec.holderIdentity}"]);
        return exit == 0 ? stdout.Trim() : "";
    }

    private static async Task<double> JobsCreatedAsync(OperatorProcess op) =>
        (await ScrapeAsync(op)).Sum("kueueleuleu_operator_jobs_created_total", l => l["result"] == "created");

    private static async Task<Telemetry.PrometheusTextParser.Result> ScrapeAsync(OperatorProcess op) =>
        Telemetry.PrometheusTextParser.Parse((await op.GetAsync("metrics")).Body);
}
