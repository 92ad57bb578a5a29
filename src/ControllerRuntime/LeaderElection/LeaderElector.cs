using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Diagnostics;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease. The lease is taken when absent, free, or when its record
/// stayed unchanged for a lease duration as this replica measured it (<see cref="LeaseObservation"/>: never by another
/// replica's clock); it is renewed every retry period. Every write carries the read's <c>resourceVersion</c>, so of two
/// replicas racing only one succeeds. Work runs only during a <see cref="LeadershipTerm"/>, which ends the moment the
/// renew deadline passes since the start of the last successful attempt (an attempt still running then counts as
/// failed), or another holder is seen: its token is cancelled at that instant, so the work stops acting at once.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubernetesClient client;
    private readonly LeaderElectionOptions options;
    private readonly ILogger logger;
    private readonly RuntimeMetrics? metrics;
    private readonly TimeProvider time;
    private readonly KeyValuePair<string, object?> leaseTag;
    private readonly LeaseObservation observation;
    private volatile LeadershipTerm? term;
    private volatile string? currentLeader;
    private volatile Exception? lastError;

    /// <summary>Creates the elector; nothing happens until <see cref="RunAsync(Func{LeadershipTerm, Task}, CancellationToken)"/>.</summary>
    /// <param name="client">The API client (not fenced: the elector's own Lease writes must go through).</param>
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
        observation = new LeaseObservation(this.time);
        leaseTag = new("lease", $"{options.LeaseNamespace}/{options.LeaseName}");
    }

    private enum LeadershipEnd
    {
        Lost,
        WorkEnded,
    }

    private enum Attempt
    {
        Ours,
        HeldByOther,
        Failed,
    }

    /// <summary>This replica's identity.</summary>
    public string Identity => options.Identity;

    /// <summary>Whether this replica leads now (its current term is valid).</summary>
    public bool IsLeader => term?.IsValid == true;

    /// <summary>The current term while this replica leads, else null. Writes are fenced by it (<see cref="FencedKubernetesClient"/>).</summary>
    public LeadershipTerm? Term => term;

    /// <summary>The holder last observed (empty when free), or null before the first read.</summary>
    public string? CurrentLeader => currentLeader;

    /// <summary>Why the last attempt to read or write the Lease failed, or null when it succeeded (losing a race is no failure).</summary>
    public Exception? LastError => lastError;

    /// <summary>
    /// Competes for the lease until cancelled; whenever this replica becomes leader, <paramref name="whileLeading"/> runs
    /// with a token cancelled when the term ends or <paramref name="cancellationToken"/> is cancelled. See
    /// <see cref="RunAsync(Func{LeadershipTerm, Task}, CancellationToken)"/>.
    /// </summary>
    /// <param name="whileLeading">The work; it must stop when its token is cancelled.</param>
    /// <param name="cancellationToken">Stops competing.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        return RunAsync(
            async leading =>
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(leading.Lost, cancellationToken);
                await whileLeading(either.Token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// Competes for the lease until cancelled: whenever this replica becomes leader, <paramref name="whileLeading"/> runs
    /// with the term; once it has stopped, the replica competes again. The work must stop at once when
    /// <see cref="LeadershipTerm.Lost"/> is cancelled; on <paramref name="cancellationToken"/> it may finish gracefully
    /// (it watches that token itself) while the lease is still renewed, within <see cref="LeaderElectionOptions.StopTimeout"/>;
    /// then the lease is released (<see cref="LeaderElectionOptions.ReleaseOnCancel"/>). Returns normally on cancellation.
    /// </summary>
    /// <param name="whileLeading">The work (e.g. the controllers).</param>
    /// <param name="cancellationToken">Stops competing (gracefully).</param>
    /// <returns>A task that completes when stopped.</returns>
    /// <exception cref="InvalidOperationException">The work did not stop within <see cref="LeaderElectionOptions.StopTimeout"/> after its term ended: the process must not go on.</exception>
    public async Task RunAsync(Func<LeadershipTerm, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested && await AcquireAsync(cancellationToken).ConfigureAwait(false) is { } startedAt)
        {
            var end = await LeadAsync(whileLeading, startedAt, cancellationToken).ConfigureAwait(false);
            if (end == LeadershipEnd.WorkEnded && !cancellationToken.IsCancellationRequested)
            {
                // Work that ends by itself must not turn into a tight acquire/release loop.
                await DelayAsync(options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tries until the lease is ours; the start of the successful attempt, or null when cancelled first.</summary>
    private async Task<long?> AcquireAsync(CancellationToken cancellationToken)
    {
        RuntimeLog.Acquiring(logger, options.LeaseNamespace, options.LeaseName, Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            // One attempt lasts at most the renew deadline: the term it may start is that long from its start.
            using var attempt = new CancellationTokenSource(options.RenewDeadline, time);
            using var stopping = cancellationToken.Register(attempt.Cancel);
            if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false) == Attempt.Ours && !cancellationToken.IsCancellationRequested)
            {
                return started;
            }

            // Jitter keeps standby replicas from hitting the API server in lockstep.
            await DelayAsync(options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 0.2)), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<LeadershipEnd> LeadAsync(Func<LeadershipTerm, Task> whileLeading, long startedAt, CancellationToken cancellationToken)
    {
        var current = new LeadershipTerm(time, options.RenewDeadline, startedAt);
        term = current;
        SetLeader(true, "acquired");
        var work = RunWorkAsync(whileLeading, current);
        var end = await RenewUntilEndAsync(current, work, cancellationToken).ConfigureAwait(false);
        if (end == LeadershipEnd.Lost)
        {
            RuntimeLog.LeadershipLost(logger, options.LeaseNamespace, options.LeaseName, current.EndReason ?? "", currentLeader ?? "");
        }

        current.End(end == LeadershipEnd.Lost ? "lost" : "the work ended");
        try
        {
            await work.WaitAsync(options.StopTimeout, time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // Competing again would let another term start beside work that still runs.
            RuntimeLog.WorkDidNotStop(logger, options.StopTimeout);
            term = null;
            SetLeader(false, "lost");
            throw new InvalidOperationException($"the leading work did not stop within {options.StopTimeout}", e);
        }

        if (end == LeadershipEnd.WorkEnded && cancellationToken.IsCancellationRequested && options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        term = null;
        SetLeader(false, end == LeadershipEnd.Lost ? "lost" : cancellationToken.IsCancellationRequested ? "released" : "work ended");
        return end;
    }

    private async Task RunWorkAsync(Func<LeadershipTerm, Task> whileLeading, LeadershipTerm leading)
    {
        try
        {
            await Task.Run(() => whileLeading(leading), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leading.Lost.IsCancellationRequested)
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

    /// <summary>
    /// Renews every retry period until the work ends or the term does. A stop request does not end the renewals: the
    /// work drains while the lease is still ours, within <see cref="LeaderElectionOptions.StopTimeout"/>.
    /// </summary>
    private async Task<LeadershipEnd> RenewUntilEndAsync(LeadershipTerm current, Task work, CancellationToken cancellationToken)
    {
        var lost = Task.Delay(Timeout.Infinite, current.Lost).ContinueWith(_ => { }, TaskScheduler.Default);
        long? stopRequested = null;
        while (true)
        {
            await Task.WhenAny(Task.Delay(options.RetryPeriod, time, CancellationToken.None), work, lost).ConfigureAwait(false);
            // Checked first: work that ended because the term did is a loss, not work that ended by itself.
            if (!current.IsValid)
            {
                return LeadershipEnd.Lost;
            }

            if (work.IsCompleted)
            {
                return LeadershipEnd.WorkEnded;
            }

            if (cancellationToken.IsCancellationRequested && time.GetElapsedTime(stopRequested ??= time.GetTimestamp()) > options.StopTimeout)
            {
                current.End($"the work did not finish within {options.StopTimeout} of the stop request");
                return LeadershipEnd.Lost;
            }

            var started = time.GetTimestamp();
            // The attempt is bounded by what is left of the term, not by a deadline of its own: one still running when
            // the term's deadline passes has failed, whatever it later returns.
            using var attempt = new CancellationTokenSource(current.Remaining, time);
            var result = await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false);
            if (result == Attempt.Ours && current.Extend(started))
            {
                continue;
            }

            if (result == Attempt.HeldByOther)
            {
                current.End($"the Lease is held by '{currentLeader}'");
                return LeadershipEnd.Lost;
            }

            // A failed attempt: try again until the term's deadline ends it.
        }
    }

    /// <summary>One attempt: create the lease, renew ours, or take over a free or expired one. Never throws.</summary>
    private async Task<Attempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await client.TryGetAsync(ResourceType.Leases, options.LeaseNamespace, options.LeaseName, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (lease is null)
            {
                await client.CreateAsync(ResourceType.Leases, options.LeaseNamespace, NewLease(now), null, cancellationToken).ConfigureAwait(false);
                Succeeded(Identity);
                return Attempt.Ours;
            }

            var record = LeaseRecord.From(lease);
            observation.See(record);
            Succeeded(record.HolderIdentity ?? "");
            var ours = string.Equals(record.HolderIdentity, Identity, StringComparison.Ordinal);
            if (!ours && !observation.HolderExpired)
            {
                return Attempt.HeldByOther;
            }

            var next = ours
                ? record with { LeaseDurationSeconds = LeaseSeconds, RenewTime = now }
                : new LeaseRecord(Identity, LeaseSeconds, now, now, record.LeaseTransitions + 1);
            observation.See(LeaseRecord.From(await WriteAsync(lease, next, cancellationToken).ConfigureAwait(false)));
            Observe(Identity);
            return Attempt.Ours;
        }
        catch (Exception e) when (e is KubernetesConflictException or KubernetesAlreadyExistsException)
        {
            // Another replica wrote first; the next attempt reads its record.
            RuntimeLog.LostRace(logger, options.LeaseNamespace, options.LeaseName);
            return Attempt.Failed;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lastError = e is OperationCanceledException ? new TimeoutException("the Lease attempt ran out of time", e) : e;
            RuntimeLog.LeaseAttemptFailed(logger, options.LeaseNamespace, options.LeaseName, lastError.Message, null);
            return Attempt.Failed;
        }
    }

    /// <summary>Empties the lease if it is still ours, so the next replica need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var bounded = new CancellationTokenSource(options.RenewDeadline, time);
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

    private void Succeeded(string holder)
    {
        lastError = null;
        Observe(holder);
    }

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
