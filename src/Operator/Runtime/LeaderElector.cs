using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kueueleuleu.Operator.Runtime;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease. The lease is taken when absent, free or expired
/// and renewed every retry period; every write carries the read's <c>resourceVersion</c>, so of two replicas
/// racing only one succeeds (the other gets a Conflict). Work runs only while leading: it is started with a
/// token that is cancelled as soon as a renewal fails for the renew deadline or another holder is seen.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubernetesClient client;
    private readonly LeaderElectionOptions options;
    private readonly ILogger logger;
    private readonly RuntimeMetrics? metrics;
    private readonly TimeProvider time;
    private readonly KeyValuePair<string, object?> leaseTag;
    private volatile bool isLeader;
    private volatile string? currentLeader;

    /// <summary>Creates the elector; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="options">The lease, identity and timings (validated here).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where to record leadership; nothing when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public LeaderElector(IKubernetesClient client, LeaderElectionOptions options, ILogger<LeaderElector>? logger = null, RuntimeMetrics? metrics = null, TimeProvider? time = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.logger = logger ?? NullLogger<LeaderElector>.Instance;
        this.metrics = metrics;
        this.time = time ?? TimeProvider.System;
        leaseTag = new("lease", $"{options.LeaseNamespace}/{options.LeaseName}");
    }

    /// <summary>This replica's identity.</summary>
    public string Identity => options.Identity;

    /// <summary>Whether this replica leads now.</summary>
    public bool IsLeader => isLeader;

    /// <summary>The holder last observed (empty when free), or null before the first read.</summary>
    public string? CurrentLeader => currentLeader;

    /// <summary>
    /// Competes for the lease until cancelled: whenever this replica becomes leader, <paramref name="whileLeading"/>
    /// runs with a token cancelled when leadership ends; once it has stopped, the replica competes again. On
    /// cancellation the work is stopped and the lease released (<see cref="LeaderElectionOptions.ReleaseOnCancel"/>).
    /// Returns normally on cancellation.
    /// </summary>
    /// <param name="whileLeading">The work (e.g. <see cref="Controller.RunAsync"/>); it must stop when its token is cancelled.</param>
    /// <param name="cancellationToken">Stops competing.</param>
    /// <returns>A task that completes when stopped.</returns>
    /// <exception cref="InvalidOperationException">The work did not stop within <see cref="LeaderElectionOptions.StopTimeout"/>: the process must not go on.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            var end = await LeadAsync(whileLeading, cancellationToken).ConfigureAwait(false);
            if (end == LeadershipEnd.WorkEnded)
            {
                // Work that ends by itself must not turn into a tight acquire/release loop.
                await DelayAsync(options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private enum LeadershipEnd
    {
        Cancelled,
        Lost,
        WorkEnded,
    }

    /// <summary>Tries until the lease is ours; false when cancelled first.</summary>
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        RuntimeLog.Acquiring(logger, options.LeaseNamespace, options.LeaseName, Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            // Jitter keeps standby replicas from hitting the API server in lockstep.
            await DelayAsync(options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 0.2)), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<LeadershipEnd> LeadAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SetLeader(true, "acquired");
        var work = RunWorkAsync(whileLeading, leading.Token);
        var end = await RenewUntilEndAsync(work, cancellationToken).ConfigureAwait(false);
        await leading.CancelAsync().ConfigureAwait(false);
        try
        {
            await work.WaitAsync(options.StopTimeout, time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // Releasing now would let another replica lead beside work that still runs.
            RuntimeLog.WorkDidNotStop(logger, options.StopTimeout);
            SetLeader(false, "lost");
            throw new InvalidOperationException($"the leading work did not stop within {options.StopTimeout}", e);
        }

        if (end != LeadershipEnd.Lost && options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        SetLeader(false, end == LeadershipEnd.Lost ? "lost" : "released");
        return end;
    }

    private async Task RunWorkAsync(Func<CancellationToken, Task> whileLeading, CancellationToken token)
    {
        try
        {
            await Task.Run(() => whileLeading(token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The normal end of the work: leadership ended.
        }
#pragma warning disable CA1031 // The work's failure ends this term of leadership; it is logged, not propagated.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeLog.WorkFailed(logger, e);
        }
    }

    /// <summary>Renews every retry period until cancelled, the work ends, or the lease is lost.</summary>
    private async Task<LeadershipEnd> RenewUntilEndAsync(Task work, CancellationToken cancellationToken)
    {
        var lastRenewal = time.GetTimestamp();
        while (true)
        {
            await Task.WhenAny(DelayAsync(options.RetryPeriod, cancellationToken), work).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return LeadershipEnd.Cancelled;
            }

            if (work.IsCompleted)
            {
                return LeadershipEnd.WorkEnded;
            }

            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                lastRenewal = time.GetTimestamp();
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                return LeadershipEnd.Cancelled;
            }
            else if (!string.Equals(currentLeader, Identity, StringComparison.Ordinal) || time.GetElapsedTime(lastRenewal) >= options.RenewDeadline)
            {
                RuntimeLog.LeadershipLost(logger, options.LeaseNamespace, options.LeaseName, currentLeader ?? "");
                return LeadershipEnd.Lost;
            }
        }
    }

    /// <summary>One attempt: create the lease, renew ours, or take over a free or expired one. Never throws.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        // One attempt must not outlive the renew deadline: a hung request would otherwise keep a leader leading.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.RenewDeadline);
        try
        {
            var lease = await client.TryGetAsync(ResourceType.Leases, options.LeaseNamespace, options.LeaseName, attempt.Token).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (lease is null)
            {
                await client.CreateAsync(ResourceType.Leases, options.LeaseNamespace, NewLease(now), null, attempt.Token).ConfigureAwait(false);
                Observe(Identity);
                return true;
            }

            var record = LeaseRecord.From(lease);
            Observe(record.HolderIdentity ?? "");
            var ours = string.Equals(record.HolderIdentity, Identity, StringComparison.Ordinal);
            if (!ours && record.IsHeld && !record.IsExpired(now))
            {
                return false;
            }

            var next = ours
                ? record with { LeaseDurationSeconds = LeaseSeconds, RenewTime = now }
                : new LeaseRecord(Identity, LeaseSeconds, now, now, record.LeaseTransitions + 1);
            await WriteAsync(lease, next, attempt.Token).ConfigureAwait(false);
            Observe(Identity);
            return true;
        }
        catch (Exception e) when (e is KubernetesConflictException or KubernetesAlreadyExistsException)
        {
            // Another replica wrote first; the next attempt reads its record.
            RuntimeLog.LostRace(logger, options.LeaseNamespace, options.LeaseName);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            RuntimeLog.LeaseAttemptFailed(logger, options.LeaseNamespace, options.LeaseName, e.Message, e);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Empties the lease if it is still ours, so the next replica need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var bounded = new CancellationTokenSource(options.RenewDeadline);
        try
        {
            var lease = await client.TryGetAsync(ResourceType.Leases, options.LeaseNamespace, options.LeaseName, bounded.Token).ConfigureAwait(false);
            if (lease is null || !string.Equals(LeaseRecord.From(lease).HolderIdentity, Identity, StringComparison.Ordinal))
            {
                return;
            }

            var now = time.GetUtcNow();
            // The shortest valid duration, as client-go does: whoever reads the empty holder takes over at once.
            var released = LeaseRecord.From(lease) with { HolderIdentity = "", LeaseDurationSeconds = 1, RenewTime = now, AcquireTime = now };
            await WriteAsync(lease, released, bounded.Token).ConfigureAwait(false);
            Observe("");
            RuntimeLog.Released(logger, options.LeaseNamespace, options.LeaseName);
        }
#pragma warning disable CA1031 // A failed release only delays the next leader until the lease expires.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeLog.ReleaseFailed(logger, options.LeaseNamespace, options.LeaseName, e.Message, e);
        }
    }

    private int LeaseSeconds => (int)options.LeaseDuration.TotalSeconds;

    private Task<JsonObject> WriteAsync(JsonObject lease, LeaseRecord record, CancellationToken cancellationToken)
    {
        // The read's metadata (with resourceVersion) makes the replace conditional.
        var updated = new JsonObject
        {
            ["apiVersion"] = lease["apiVersion"]?.DeepClone() ?? ResourceType.Leases.ApiVersion,
            ["kind"] = "Lease",
            ["metadata"] = lease["metadata"]?.DeepClone(),
            ["spec"] = record.ToSpec(),
        };
        return client.ReplaceAsync(ResourceType.Leases, options.LeaseNamespace, updated, null, cancellationToken);
    }

    private JsonObject NewLease(DateTimeOffset now) => new()
    {
        ["apiVersion"] = ResourceType.Leases.ApiVersion,
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = options.LeaseName, ["namespace"] = options.LeaseNamespace },
        ["spec"] = new LeaseRecord(Identity, LeaseSeconds, now, now, 0).ToSpec(),
    };

    private void Observe(string holder)
    {
        if (string.Equals(Interlocked.Exchange(ref currentLeader, holder), holder, StringComparison.Ordinal))
        {
            return;
        }

        RuntimeLog.NewLeader(logger, options.LeaseNamespace, options.LeaseName, holder);
        options.OnNewLeader?.Invoke(holder);
    }

    private void SetLeader(bool leading, string change)
    {
        isLeader = leading;
        metrics?.IsLeader.Add(leading ? 1 : -1, leaseTag);
        metrics?.LeadershipChanges.Add(1, leaseTag, new("change", change));
        RuntimeLog.LeadershipChanged(logger, options.LeaseNamespace, options.LeaseName, Identity, leading, change);
        (leading ? options.OnStartedLeading : options.OnStoppedLeading)?.Invoke();
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Callers check the token themselves.
        }
    }
}
