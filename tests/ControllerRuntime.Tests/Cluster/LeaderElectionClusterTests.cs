using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class LeaderElectionClusterTests(RuntimeClusterFixture cluster)
{
    [Fact]
    public async Task Of_two_electors_exactly_one_leads_and_a_graceful_release_hands_over_with_a_transition()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-lease");
        await using var a = Candidate.Start(cluster, ns.Name, "a");
        await using var b = Candidate.Start(cluster, ns.Name, "b");

        await Eventually.ThatAsync(() => a.Elector.IsLeader || b.Elector.IsLeader, "someone leads");
        // Sampled over several renew periods, never both.
        for (var i = 0; i < 30; i++)
        {
            Assert.False(a.Elector.IsLeader && b.Elector.IsLeader, "two leaders");
            Assert.False(a.Working && b.Working, "two replicas ran the leading work");
            await Task.Delay(100);
        }

        var (leader, follower) = a.Elector.IsLeader ? (a, b) : (b, a);
        var lease = await LeaseAsync(ns.Name);
        Assert.Equal(leader.Elector.Identity, (string?)lease["spec"]!["holderIdentity"]);
        var transitions = (int)lease["spec"]!["leaseTransitions"]!;

        await leader.StopAsync();
        Assert.False(leader.Elector.IsLeader);
        Assert.False(leader.Working);
        // The stopped leader emptied the lease (or the follower already took it): nobody waits for expiry.
        Assert.NotEqual(leader.Elector.Identity, (string?)(await LeaseAsync(ns.Name))["spec"]!["holderIdentity"]);

        await Eventually.ThatAsync(() => follower.Elector.IsLeader && follower.Working, "the follower takes over");
        lease = await LeaseAsync(ns.Name);
        Assert.Equal(follower.Elector.Identity, (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(transitions + 1, (int)lease["spec"]!["leaseTransitions"]!);
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_is_replaced_after_the_lease_expires()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-expiry");
        await using var a = Candidate.Start(cluster, ns.Name, "a", release: false);
        await Eventually.ThatAsync(() => a.Elector.IsLeader, "the first candidate leads");
        await using var b = Candidate.Start(cluster, ns.Name, "b");

        await a.StopAsync();
        var lease = await LeaseAsync(ns.Name);
        Assert.Equal(a.Elector.Identity, (string?)lease["spec"]!["holderIdentity"]);
        Assert.False(b.Elector.IsLeader);

        await Eventually.ThatAsync(() => b.Elector.IsLeader, "the second candidate takes over after expiry");
        lease = await LeaseAsync(ns.Name);
        Assert.Equal(b.Elector.Identity, (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int)lease["spec"]!["leaseTransitions"]!);
    }

    [Fact]
    public async Task A_leader_that_sees_another_holder_stops_its_work()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-stolen");
        await using var a = Candidate.Start(cluster, ns.Name, "a");
        await Eventually.ThatAsync(() => a.Elector.IsLeader && a.Working, "the candidate leads");

        var lease = await LeaseAsync(ns.Name);
        var spec = lease["spec"]!.AsObject();
        spec["holderIdentity"] = "intruder";
        spec["leaseDurationSeconds"] = 3600;
        spec["renewTime"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await cluster.Client.ReplaceAsync(ResourceType.Leases, ns.Name, lease);

        await Eventually.ThatAsync(() => !a.Elector.IsLeader && !a.Working, "the former leader stops working");
        Assert.Equal("intruder", a.Elector.CurrentLeader);
        Assert.True(a.WorkCancelled);
    }

    private async Task<JsonObject> LeaseAsync(string ns) => await cluster.Client.GetAsync(ResourceType.Leases, ns, "runtime-test");

    /// <summary>An elector whose leading work only marks that it runs.</summary>
    private sealed class Candidate : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private Task run = Task.CompletedTask;
        private volatile bool working;
        private volatile bool workCancelled;

        private Candidate(LeaderElector elector) => Elector = elector;

        public LeaderElector Elector { get; }

        public bool Working => working;

        public bool WorkCancelled => workCancelled;

        public static Candidate Start(RuntimeClusterFixture cluster, string ns, string name, bool release = true)
        {
            var options = new LeaderElectionOptions
            {
                LeaseNamespace = ns,
                LeaseName = "runtime-test",
                Identity = $"{name}_{Guid.NewGuid().ToString("N")[..6]}",
                LeaseDuration = TimeSpan.FromSeconds(3),
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = TimeSpan.FromMilliseconds(300),
                ReleaseOnCancel = release,
            };
            var candidate = new Candidate(new LeaderElector(cluster.Client, options));
            candidate.run = candidate.Elector.RunAsync(candidate.WorkAsync, candidate.stop.Token);
            return candidate;
        }

        public async Task StopAsync()
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            stop.Dispose();
        }

        private async Task WorkAsync(CancellationToken cancellationToken)
        {
            working = true;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                workCancelled = cancellationToken.IsCancellationRequested;
                working = false;
            }
        }
    }
}
