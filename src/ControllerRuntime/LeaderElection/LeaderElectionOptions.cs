using System.Security.Cryptography;

namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>Which Lease a <see cref="LeaderElector"/> competes for, as whom, and its timings (client-go's defaults).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The Lease's namespace.</summary>
    public required string LeaseNamespace { get; init; }

    /// <summary>The Lease's name.</summary>
    public required string LeaseName { get; init; }

    /// <summary>This replica's identity in <c>holderIdentity</c>; unique per process (see <see cref="DefaultIdentity"/>).</summary>
    public string Identity { get; init; } = DefaultIdentity();

    /// <summary>How long a lease stays valid after its last renewal; others take over after that. Whole seconds.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leading; shorter than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether a leader stopped by cancellation empties the lease, so another replica takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>How long the leading work may take to stop after its token is cancelled before the elector gives up on it.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called when this replica starts leading.</summary>
    public Action? OnStartedLeading { get; init; }

    /// <summary>Called when this replica stopped leading (its work has stopped).</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>Called with the holder each time a different holder is observed (empty while the lease is free).</summary>
    public Action<string>? OnNewLeader { get; init; }

    /// <summary>The pod name (<c>POD_NAME</c>, else <c>HOSTNAME</c>, else the machine name) and a random suffix, so two processes on one host differ.</summary>
    /// <returns>The identity.</returns>
    public static string DefaultIdentity()
    {
        var host = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod
            : Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } hostname ? hostname
            : Environment.MachineName;
        return $"{host}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }

    /// <summary>Checks the timings: retry &lt; renew deadline &lt; lease duration, the lease in whole seconds.</summary>
    /// <exception cref="ArgumentException">A timing is inconsistent.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(LeaseNamespace);
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        ArgumentException.ThrowIfNullOrEmpty(Identity);
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"LeaseDuration must be whole seconds, at least 1 (was {LeaseDuration})");
        }

        // The leader must give up before its lease can expire, or two replicas would lead at once.
        if (RenewDeadline >= LeaseDuration)
        {
            throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be shorter than LeaseDuration ({LeaseDuration})");
        }

        if (RetryPeriod <= TimeSpan.Zero || RetryPeriod >= RenewDeadline)
        {
            throw new ArgumentException($"RetryPeriod ({RetryPeriod}) must be positive and shorter than RenewDeadline ({RenewDeadline})");
        }
    }
}
