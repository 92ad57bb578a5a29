using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Microsoft.Extensions.Time.Testing;

namespace Kueueleuleu.ControllerRuntime.Tests;

/// <summary>
/// The elector's timing against an in-memory Lease on a clock the test moves (pure logic; the cluster tests run it
/// against the real API server): when a term ends, and when a standby may take over.
/// </summary>
public sealed class LeaderElectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_renewal_still_running_at_the_renew_deadline_ends_the_term_at_that_instant()
    {
        var time = new FakeTimeProvider(Start);
        var leases = new InMemoryLeases();
        var elector = new LeaderElector(leases, Options("me"), time: time);
        CancellationToken? work = null;
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(
            async token =>
            {
                work = token;
                await Task.Delay(Timeout.Infinite, token);
            },
            stop.Token);
        await Eventually.ThatAsync(() => elector.IsLeader && work is not null, "the elector leads");

        // Every read of the Lease hangs from now on: the next renewal attempt never answers.
        leases.HangReads = true;
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.ThatAsync(() => leases.HungReads == 1, "the renewal attempt is under way");
        time.Advance(TimeSpan.FromSeconds(8) - TimeSpan.FromMilliseconds(1));
        Assert.True(elector.IsLeader);
        Assert.False(work!.Value.IsCancellationRequested);

        // The renew deadline (10 s) since the start of the last successful attempt: the term ends now, not when the
        // hung attempt gives up.
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(elector.IsLeader);
        Assert.True(work.Value.IsCancellationRequested);

        await stop.CancelAsync();
        leases.HangReads = false;
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_standby_whose_clock_runs_an_hour_ahead_waits_while_the_lease_is_renewed_and_takes_it_once_renewals_stop()
    {
        var time = new FakeTimeProvider(Start);
        var leases = new InMemoryLeases();
        // The holder's clock runs an hour behind ours: every renew time it writes looks an hour old here.
        leases.Put("other", Start.AddHours(-1));
        var elector = new LeaderElector(leases, Options("me"), time: time);
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(token => Task.Delay(Timeout.Infinite, token), stop.Token);

        for (var step = 1; step <= 120; step++)
        {
            await StepAsync(time);
            if (step % 4 == 0)
            {
                leases.Put("other", Start.AddHours(-1) + (step * TimeSpan.FromMilliseconds(500)));
            }

            Assert.False(elector.IsLeader, $"took over a lease renewed {(step % 4) * 0.5}s ago, {step * 0.5}s into the test");
        }

        Assert.True(leases.Reads > 10, "the standby kept reading the Lease");
        Assert.Equal("other", elector.CurrentLeader);

        // The holder stops renewing: a lease duration (15 s) later, as measured here, the standby takes over.
        var stepsToTakeOver = 0;
        while (!elector.IsLeader && stepsToTakeOver < 200)
        {
            await StepAsync(time);
            stepsToTakeOver++;
        }

        Assert.True(elector.IsLeader);
        Assert.InRange(stepsToTakeOver * 0.5, 15, 20);
        Assert.Equal("me", leases.Holder);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Work_that_ends_by_itself_ends_the_term_and_the_elector_competes_again()
    {
        var time = new FakeTimeProvider(Start);
        var leases = new InMemoryLeases();
        var elector = new LeaderElector(leases, Options("me"), time: time);
        var terms = 0;
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(
            (LeadershipTerm term) =>
            {
                Interlocked.Increment(ref terms);
                return Task.CompletedTask;
            },
            stop.Token);
        await Eventually.ThatAsync(() => Volatile.Read(ref terms) == 1 && elector.Term is null, "the first term ends with its work");
        for (var i = 0; i < 10 && Volatile.Read(ref terms) < 2; i++)
        {
            await StepAsync(time);
        }

        Assert.Equal(2, Volatile.Read(ref terms));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Half a second of the test's clock, then a moment for the elector's continuations to run.</summary>
    private static async Task StepAsync(FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(20);
    }

    private static LeaderElectionOptions Options(string identity) => new()
    {
        LeaseNamespace = "ns",
        LeaseName = "lease",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(15),
        RenewDeadline = TimeSpan.FromSeconds(10),
        RetryPeriod = TimeSpan.FromSeconds(2),
    };

    /// <summary>One Lease in memory with optimistic concurrency, and reads that can be made to hang.</summary>
    private sealed class InMemoryLeases : IKubernetesClient
    {
        private readonly Lock gate = new();
        private JsonObject? lease;
        private int version;
        private int reads;
        private int hungReads;

        public volatile bool HangReads;

        public int Reads => Volatile.Read(ref reads);

        public int HungReads => Volatile.Read(ref hungReads);

        public string? Holder
        {
            get
            {
                lock (gate)
                {
                    return (string?)lease?["spec"]?["holderIdentity"];
                }
            }
        }

        public string DefaultNamespace => "ns";

        /// <summary>Writes the Lease as another holder would, renewed at <paramref name="renewTime"/> by its own clock.</summary>
        public void Put(string holder, DateTimeOffset renewTime)
        {
            lock (gate)
            {
                lease = Lease(new JsonObject
                {
                    ["holderIdentity"] = holder,
                    ["leaseDurationSeconds"] = 15,
                    ["acquireTime"] = renewTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    ["renewTime"] = renewTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    ["leaseTransitions"] = 0,
                });
            }
        }

        public async Task<JsonObject> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            if (HangReads)
            {
                Interlocked.Increment(ref hungReads);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            lock (gate)
            {
                return lease?.DeepClone().AsObject() ?? throw new KubernetesNotFoundException(new KubernetesStatus(404, KubernetesStatusReason.NotFound, "NotFound", "not found", null), "GET lease");
            }
        }

        public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (gate)
            {
                lease ??= Lease(obj["spec"]!.DeepClone().AsObject());
                return Task.FromResult(lease.DeepClone().AsObject());
            }
        }

        public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (gate)
            {
                if ((string?)obj["metadata"]?["resourceVersion"] != (string?)lease?["metadata"]?["resourceVersion"])
                {
                    throw new KubernetesConflictException(new KubernetesStatus(409, KubernetesStatusReason.Conflict, "Conflict", "modified", null), "PUT lease");
                }

                lease = Lease(obj["spec"]!.DeepClone().AsObject());
                return Task.FromResult(lease.DeepClone().AsObject());
            }
        }

        public Task<ResourceList> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> GetStatusAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> ReplaceStatusAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> PatchStatusAsync(ResourceType type, string? ns, string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<string> GetPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<string> FollowPodLogsAsync(string ns, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private JsonObject Lease(JsonObject spec) => new()
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "lease", ["namespace"] = "ns", ["resourceVersion"] = (++version).ToString(CultureInfo.InvariantCulture) },
            ["spec"] = spec,
        };
    }
}
