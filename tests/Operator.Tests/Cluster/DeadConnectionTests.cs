using Kueueleuleu.Kubernetes.Configuration;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// The operator as a real process reaching the API server through a TCP relay (TLS end to end) that kills its
/// connections the way networks do: silently (a load balancer or NAT that forgets the flow) or with a reset. It must
/// notice on its own, say so in /readyz, and reconcile again once connections work.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class DeadConnectionTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static Uri ApiServer => KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [OperatorClusterFixture.AdminKubeconfig] }).Server;

    [Fact]
    public async Task Silent_connections_are_noticed_reported_by_readiness_and_the_operator_reconciles_once_connections_work_again()
    {
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "silent");
        await using var relay = new BlackholeRelay(ApiServer);
        using var kubeconfig = RelayedKubeconfig.Create(OperatorClusterFixture.AdminKubeconfig, relay.Url);
        await using var op = Start(kubeconfig.Path, ns.Name);
        await op.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var probe = ReadinessProbe.Start(op);
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("before", new Step("only", "echo before")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "before", Bound)));

        // Every connection of the operator goes silent without closing, and so does every new one.
        relay.BlackholeAll();
        var cut = DateTime.UtcNow;
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("during", new Step("only", "echo during")));

        var unready = await probe.WaitAsync(ready: false, cut, Bound, "readiness turns false while the watches are dead");
        Assert.Contains("not watching", unready.Body, StringComparison.Ordinal);
        Assert.Contains("presumed dead", unready.Body, StringComparison.Ordinal);
        Assert.Null(Phase(await cluster.Kubectl.GetJsonAsync(ns.Name, "sjob/during")));

        relay.Heal();
        var healed = DateTime.UtcNow;
        var ready = await probe.WaitAsync(ready: true, healed, Bound, "readiness turns true once watches work again");
        var reconciled = await FirstStatusAsync(ns.Name, "during");
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "during", Bound)));
        output.WriteLine($"blackhole: unready {(unready.At - cut).TotalSeconds:0.0}s after the cut (idle bound 6s); ready {(ready.At - healed).TotalSeconds:0.0}s after the heal; first reconcile of the SequentialJob made during the cut {(reconciled - healed).TotalSeconds:0.0}s after the heal");
        output.WriteLine($"unready because: {unready.Body.Trim()}");
        Assert.Contains("open again after", op.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_connections_are_resumed_and_the_operator_keeps_reconciling()
    {
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "reset");
        await using var relay = new BlackholeRelay(ApiServer);
        using var kubeconfig = RelayedKubeconfig.Create(OperatorClusterFixture.AdminKubeconfig, relay.Url);
        await using var op = Start(kubeconfig.Path, ns.Name);
        await op.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("before", new Step("only", "echo before")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "before", Bound)));

        relay.ResetEstablished();
        var reset = DateTime.UtcNow;
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("after", new Step("only", "echo after")));

        var reconciled = await FirstStatusAsync(ns.Name, "after");
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "after", Bound)));
        await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"reset: first reconcile of the SequentialJob made after the reset {(reconciled - reset).TotalSeconds:0.0}s after it");
    }

    private OperatorProcess Start(string kubeconfig, string ns) => OperatorProcess.Start(
        OperatorProcess.BesideTests,
        [$"--kubeconfig={kubeconfig}", $"--namespaces={ns}", "--workers=2", "--watch-idle-timeout=6s"]);

    /// <summary>When the SequentialJob first has a status phase (its first reconcile), by polling.</summary>
    private async Task<DateTime> FirstStatusAsync(string ns, string name)
    {
        await Eventually.ThatAsync(async () => Phase(await cluster.Kubectl.GetJsonAsync(ns, $"sjob/{name}")) is not null, Bound, $"{name} reconciled");
        return DateTime.UtcNow;
    }
}
