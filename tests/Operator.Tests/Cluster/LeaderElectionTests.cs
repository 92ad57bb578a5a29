using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// Two operator processes with leader election: only the Lease holder reconciles; killing it hands over; a standby
/// whose clock runs ahead does not take over a renewed Lease; a leader cut off from the API server stops acting before
/// the standby starts, and writes nothing afterwards. Each replica of the last two reaches the API server through a
/// proxy of its own that records every request with the test's clock: that record is the proof of who wrote when.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class LeaderElectionTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private const string Lease = "kl-e2e-operator";

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    // Lease duration 6 s, renew deadline 3 s: a cut-off leader stops acting at the latest 3 s after its last renewal
    // began, a standby takes over at the earliest 6 s after it saw that renewal.
    private static readonly string[] FastElection =
    [
        "--leader-election-lease-duration=6s", "--leader-election-renew-deadline=3s", "--leader-election-retry-period=500ms",
    ];

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

    [Fact]
    public async Task A_standby_whose_clock_runs_an_hour_ahead_does_not_take_over_a_lease_that_is_being_renewed()
    {
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "skew");
        await using var proxyA = await RecordingFaultProxy.StartAsync(OperatorClusterFixture.AdminKubeconfig);
        await using var proxyB = await RecordingFaultProxy.StartAsync(OperatorClusterFixture.AdminKubeconfig);
        using var configA = new ProxyKubeconfig(proxyA.Url);
        using var configB = new ProxyKubeconfig(proxyB.Url);
        await using var a = StartVia(configA, ns.Name, "replica-a");
        await a.WaitReadyAsync(Bound);
        await Eventually.ThatAsync(async () => await HolderAsync(ns.Name) == "replica-a", Bound, "replica-a holds the Lease");
        await using var b = StartVia(configB, ns.Name, "replica-b", await SkewedClock.EnvironmentAsync(TimeSpan.FromHours(1)));
        await b.WaitReadyAsync(Bound);
        Assert.Contains("standing by", (await b.GetAsync("readyz")).Body, StringComparison.Ordinal);

        // Three lease durations: the renewals B sees carry renew times an hour behind its clock; it must not care.
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("first", new Step("only", "echo one")));
        var watchUntil = DateTime.UtcNow + TimeSpan.FromSeconds(18);
        while (DateTime.UtcNow < watchUntil)
        {
            Assert.Equal("replica-a", await HolderAsync(ns.Name));
            await Task.Delay(250);
        }

        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "first", Bound)));
        Assert.DoesNotContain(proxyB.Calls, c => c.IsWrite);
        Assert.Contains("standing by, leader is replica-a", (await b.GetAsync("readyz")).Body, StringComparison.Ordinal);

        // The skewed standby still takes over once the leader is gone, a lease duration after its last renewal.
        await a.KillAsync();
        var killed = DateTime.UtcNow;
        await Eventually.ThatAsync(async () => await HolderAsync(ns.Name) == "replica-b", Bound, "replica-b takes the Lease over");
        var takeover = proxyB.Calls.First(c => c.IsWrite && c.IsLease).Forwarded!.Value;
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("second", new Step("only", "echo two")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "second", Bound)));
        Assert.All(proxyA.Calls.Where(c => c.IsWrite && c.Forwarded is not null), c => Assert.True(c.Forwarded < takeover, $"replica-a wrote after replica-b took over: {c}"));
        output.WriteLine($"skewed standby took over {(takeover - killed).TotalSeconds:0.0}s after the leader was killed (lease duration 6s)");
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_api_server_stops_acting_before_the_standby_starts_and_writes_nothing_after()
    {
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "cutoff");
        await using var proxyA = await RecordingFaultProxy.StartAsync(OperatorClusterFixture.AdminKubeconfig);
        await using var proxyB = await RecordingFaultProxy.StartAsync(OperatorClusterFixture.AdminKubeconfig);
        using var configA = new ProxyKubeconfig(proxyA.Url);
        using var configB = new ProxyKubeconfig(proxyB.Url);
        await using var a = StartVia(configA, ns.Name, "replica-a");
        await a.WaitReadyAsync(Bound);
        await Eventually.ThatAsync(async () => await HolderAsync(ns.Name) == "replica-a", Bound, "replica-a holds the Lease");
        await using var b = StartVia(configB, ns.Name, "replica-b");
        await b.WaitReadyAsync(Bound);
        await using var probeA = ReadinessProbe.Start(a);

        // The partition begins the moment the leader sends its first status write: that write is in flight, held.
        proxyA.CutAtFirst(c => c.IsWrite && c.Path.Contains("/sequentialjobs/", StringComparison.Ordinal) && c.Path.Contains("/status", StringComparison.Ordinal));
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("first", new Step("only", "sleep 1")));
        await Eventually.ThatAsync(() => Task.FromResult(proxyA.CutAt is not null), Bound, "the leader sends its status write");
        var cut = proxyA.CutAt!.Value;
        await Eventually.ThatAsync(() => Task.FromResult(proxyB.Calls.Any(c => c.IsWrite && c.IsLease && c.Status is 200 or 201)), Bound, "replica-b takes the Lease over");
        var takeover = proxyB.Calls.First(c => c.IsWrite && c.IsLease && c.Status is 200 or 201).Forwarded!.Value;

        // The partition heals as soon as the standby leads, while the old leader's process still runs: whatever it
        // still had in hand (the held status write, queued Events) must not go out now.
        proxyA.Heal();
        var healed = DateTime.UtcNow;
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "first", Bound)));
        await Eventually.ThatAsync(async () => (await a.GetAsync("readyz")).Body.Contains("standing by, leader is replica-b", StringComparison.Ordinal), Bound, "the old leader reads the Lease again and stands by");
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("second", new Step("only", "echo two")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "second", Bound)));

        var stopped = probeA.Changes.First(c => c.At > cut && !c.Body.Contains("ok: leading", StringComparison.Ordinal)).At;
        var firstActs = proxyB.Calls.Where(c => c.IsWrite && !c.IsLease).Select(c => c.Forwarded).Min();
        output.WriteLine($"cut at {cut:HH:mm:ss.fff}: old leader stopped leading after {(stopped - cut).TotalSeconds:0.0}s (seen by polling /readyz); standby took the Lease after {(takeover - cut).TotalSeconds:0.0}s and made its first other write after {(firstActs!.Value - cut).TotalSeconds:0.0}s; healed after {(healed - cut).TotalSeconds:0.0}s");
        var late = proxyA.Calls.Where(c => c.IsWrite && c.Forwarded >= takeover).ToList();
        Assert.True(late.Count == 0, "the old leader wrote after the new one took over:\n" + string.Join("\n", late));
        Assert.True(proxyA.Calls.Any(c => c.Received > healed), "the old leader talked to the API server again after the heal");
        Assert.True(stopped < takeover, "the old leader stopped leading before the standby took over");
    }

    private OperatorProcess StartVia(ProxyKubeconfig kubeconfig, string ns, string identity, IReadOnlyDictionary<string, string>? environment = null) =>
        OperatorProcess.Start(
            OperatorProcess.BesideTests,
            [
                $"--kubeconfig={kubeconfig.Path}", $"--namespaces={ns}", "--workers=4", "--watch-idle-timeout=6s",
                "--leader-elect", $"--leader-election-namespace={ns}", $"--leader-election-name={Lease}", $"--leader-election-identity={identity}",
                .. FastElection,
            ],
            environment ?? new Dictionary<string, string>());

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
