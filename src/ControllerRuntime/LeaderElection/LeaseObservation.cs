namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>
/// The Lease record this replica last read and when it first saw that record, on its own monotonic clock. Another
/// holder's claim expires a lease duration after this replica saw its record change, never by the holder's
/// <c>renewTime</c>: that is the holder's wall clock, and a replica whose clock runs ahead (or a holder whose clock runs
/// behind) would otherwise take over a Lease that is still being renewed. As client-go's leader election does.
/// </summary>
internal sealed class LeaseObservation(TimeProvider time)
{
    private long seenAt;

    /// <summary>The record last read, or null before the first read.</summary>
    public LeaseRecord? Record { get; private set; }

    /// <summary>Notes a record as read now; the clock restarts only when it differs from the last one.</summary>
    /// <param name="record">The record just read.</param>
    public void See(LeaseRecord record)
    {
        if (record != Record)
        {
            Record = record;
            seenAt = time.GetTimestamp();
        }
    }

    /// <summary>
    /// Whether the observed record no longer binds anyone: it has no holder, or it stayed the same for longer than its
    /// lease duration as this replica measured it.
    /// </summary>
    public bool HolderExpired => Record is not { IsHeld: true } record || time.GetElapsedTime(seenAt) > TimeSpan.FromSeconds(record.LeaseDurationSeconds);
}
