using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Microsoft.Extensions.Time.Testing;

namespace Kueueleuleu.ControllerRuntime.Tests;

/// <summary>
/// The pure timing rules of leader election on a clock the test moves: when another holder's claim runs out (by this
/// replica's observation, never by the holder's clock), and how long a term of leadership lasts.
/// </summary>
public sealed class LeaseTimingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_held_lease_expires_a_duration_after_this_replica_saw_its_record_change_whatever_its_renew_time_says()
    {
        var time = new FakeTimeProvider(Start);
        var observation = new LeaseObservation(time);
        // Renewed "an hour ago" by the holder's clock (a standby whose clock runs an hour ahead reads it so).
        var renewedLongAgo = new LeaseRecord("leader", 15, Start.AddHours(-1), Start.AddHours(-1), 0);
        observation.See(renewedLongAgo);
        Assert.False(observation.HolderExpired);

        time.Advance(TimeSpan.FromSeconds(15));
        observation.See(renewedLongAgo);
        Assert.False(observation.HolderExpired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(observation.HolderExpired);
    }

    [Fact]
    public void A_renewal_restarts_the_observation_and_rereading_the_same_record_does_not()
    {
        var time = new FakeTimeProvider(Start);
        var observation = new LeaseObservation(time);
        var first = new LeaseRecord("leader", 10, Start, Start, 0);
        observation.See(first);
        time.Advance(TimeSpan.FromSeconds(8));
        // Renewed with a renew time far in the future (the holder's clock runs ahead): still just "a change".
        observation.See(first with { RenewTime = Start.AddHours(5) });
        time.Advance(TimeSpan.FromSeconds(8));
        Assert.False(observation.HolderExpired);
        observation.See(first with { RenewTime = Start.AddHours(5) });
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.True(observation.HolderExpired);
    }

    [Fact]
    public void A_free_lease_or_one_never_read_binds_nobody()
    {
        var observation = new LeaseObservation(new FakeTimeProvider(Start));
        Assert.True(observation.HolderExpired);
        observation.See(new LeaseRecord("", 1, null, null, 3));
        Assert.True(observation.HolderExpired);
        observation.See(LeaseRecord.From(new JsonObject { ["spec"] = new JsonObject { ["holderIdentity"] = "x", ["leaseDurationSeconds"] = 15 } }));
        Assert.False(observation.HolderExpired);
    }

    [Fact]
    public void A_term_lasts_the_renew_deadline_from_the_start_of_its_last_successful_attempt_and_its_token_fires_then()
    {
        var time = new FakeTimeProvider(Start);
        var term = new LeadershipTerm(time, TimeSpan.FromSeconds(10), time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(3));
        var attemptStart = time.GetTimestamp();
        // The attempt took 4 s: the deadline counts from when it started, not from when it answered.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(term.Extend(attemptStart));
        Assert.Equal(TimeSpan.FromSeconds(6), term.Remaining);

        time.Advance(TimeSpan.FromSeconds(5.999));
        Assert.True(term.IsValid);
        Assert.False(term.Lost.IsCancellationRequested);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(term.IsValid);
        Assert.True(term.Lost.IsCancellationRequested);
        Assert.Contains("renew deadline", term.EndReason, StringComparison.Ordinal);
        // An attempt that answers only now cannot bring the term back.
        Assert.False(term.Extend(time.GetTimestamp()));
        Assert.False(term.IsValid);
    }

    [Fact]
    public void A_term_ended_on_purpose_keeps_the_first_reason_and_stays_ended()
    {
        var time = new FakeTimeProvider(Start);
        var term = new LeadershipTerm(time, TimeSpan.FromSeconds(10), time.GetTimestamp());
        term.End("the Lease is held by 'other'");
        term.End("the work ended");
        Assert.True(term.Lost.IsCancellationRequested);
        Assert.False(term.Extend(time.GetTimestamp()));
        Assert.Equal("the Lease is held by 'other'", term.EndReason);
    }
}
