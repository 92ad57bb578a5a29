namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>
/// One term of this replica's leadership. It is valid until the renew deadline after the start of the last acquire or
/// renew attempt that succeeded, judged on this process's monotonic clock, and ends for good the moment that deadline
/// passes (whether or not an attempt is still running), another holder is seen, or the elector stops. Why the start of
/// the attempt: the Lease's new version reached the API server after it, so every other replica saw it after it, and
/// waits a whole lease duration from then before taking over; the renew deadline being shorter, this replica has
/// stopped acting by the time another may start.
/// </summary>
#pragma warning disable CA1001 // Its token source is cancelled at the end of every term (which releases its timer) and never disposed: fenced writes may still link to the token.
public sealed class LeadershipTerm
#pragma warning restore CA1001
{
    private readonly TimeProvider time;
    private readonly long deadlineTicks;
    private readonly CancellationToken lostToken;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource lost;
    private long validUntil;
    private volatile string? endReason;

    internal LeadershipTerm(TimeProvider time, TimeSpan renewDeadline, long startedAt)
    {
        this.time = time;
        RenewDeadline = renewDeadline;
        deadlineTicks = (long)(renewDeadline.TotalSeconds * time.TimestampFrequency);
        validUntil = startedAt + deadlineTicks;
        // A finite first delay, so the timer comes from the time provider (an infinite one would leave later
        // CancelAfter calls to the system timer).
        var remaining = TimeSpan.FromSeconds((validUntil - time.GetTimestamp()) / (double)time.TimestampFrequency);
        lost = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        lostToken = lost.Token;
    }

    /// <summary>How long after a successful attempt's start the term lasts without another.</summary>
    public TimeSpan RenewDeadline { get; }

    /// <summary>Cancelled the moment the term ends: every reconcile and write of the term must stop.</summary>
    public CancellationToken Lost => lostToken;

    /// <summary>Whether this replica may still act: the term has not ended and its deadline has not passed (checked on the clock, not only by the timer).</summary>
    public bool IsValid => !lostToken.IsCancellationRequested && time.GetTimestamp() < Volatile.Read(ref validUntil);

    /// <summary>How long the term lasts without another successful renewal; zero once it ended.</summary>
    public TimeSpan Remaining => IsValid ? TimeSpan.FromSeconds((Volatile.Read(ref validUntil) - time.GetTimestamp()) / (double)time.TimestampFrequency) : TimeSpan.Zero;

    /// <summary>Why the term ended, or null while it lasts.</summary>
    public string? EndReason => endReason ?? (IsValid ? null : $"the Lease was not renewed within the renew deadline ({RenewDeadline.TotalSeconds:0.###}s)");

    /// <summary>Moves the deadline to the renew deadline after <paramref name="attemptStart"/>, unless the term already ended.</summary>
    /// <param name="attemptStart">The monotonic timestamp taken before the successful renewal was sent.</param>
    /// <returns>Whether the term goes on.</returns>
    internal bool Extend(long attemptStart)
    {
        lock (gate)
        {
            if (!IsValid)
            {
                return false;
            }

            Volatile.Write(ref validUntil, attemptStart + deadlineTicks);
            lost.CancelAfter(Remaining);
            return true;
        }
    }

    /// <summary>Ends the term now (idempotent; the first reason is kept).</summary>
    /// <param name="reason">Why, for logs and readiness.</param>
    internal void End(string reason)
    {
        lock (gate)
        {
            endReason ??= IsValid ? reason : EndReason;
        }

        // Outside the lock: cancellation runs the reconciles' callbacks synchronously.
        lost.Cancel();
    }
}
