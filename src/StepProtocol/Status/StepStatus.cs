namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The state of one step of a converted Pod.</summary>
/// <param name="Name">The step name (its container name).</param>
/// <param name="State">Where the step stands.</param>
/// <param name="StartedAt">When its command started (not when its container started), if known.</param>
/// <param name="FinishedAt">When it finished, if it has.</param>
/// <param name="ExitCode">Its command's exit code (the last attempt's), if it ran and finished.</param>
/// <param name="Reason">
/// A short CamelCase reason: <c>Error</c>, <c>TimedOut</c>, <c>ContinuedOnError</c>, <c>DependencyFailed</c>,
/// <c>ConditionNotMet</c>, <c>HeldForDebugging</c>, <c>WaitingForDependencies</c>, or the kubelet's (<c>OOMKilled</c>,
/// <c>ErrImagePull</c>, <c>PodInitializing</c>, ...).
/// </param>
/// <param name="Message">A human-readable detail, if any.</param>
/// <param name="Attempts">
/// How many attempts the command made, when known and meaningful (the step has retries, or made more than one).
/// </param>
/// <param name="EarlierAttempts">
/// The outcome of each attempt before the last, in order: an exit code, or <c>t</c> for an attempt that timed out;
/// empty when none (or unknown).
/// </param>
/// <param name="Results">The results the status carries, in name order; empty when none.</param>
/// <param name="ResultsNotReported">How many more results the step wrote whose names did not fit in its termination message.</param>
public sealed record StepStatus(
    string Name,
    StepState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Reason,
    string? Message,
    int? Attempts = null,
    IReadOnlyList<string>? EarlierAttempts = null,
    IReadOnlyList<StepResult>? Results = null,
    int ResultsNotReported = 0)
{
    /// <summary>The outcome of each attempt before the last (exit codes, <c>t</c> for timed out); never null.</summary>
    public IReadOnlyList<string> EarlierAttempts { get; init; } = EarlierAttempts ?? [];

    /// <summary>The results the status carries, in name order; never null.</summary>
    public IReadOnlyList<StepResult> Results { get; init; } = Results ?? [];

    /// <summary>Compares by value, the lists element by element.</summary>
    /// <param name="other">The other status.</param>
    /// <returns>Whether both describe the same step state.</returns>
    public bool Equals(StepStatus? other) =>
        other is not null
        && Name == other.Name
        && State == other.State
        && StartedAt == other.StartedAt
        && FinishedAt == other.FinishedAt
        && ExitCode == other.ExitCode
        && Reason == other.Reason
        && Message == other.Message
        && Attempts == other.Attempts
        && EarlierAttempts.SequenceEqual(other.EarlierAttempts)
        && Results.SequenceEqual(other.Results)
        && ResultsNotReported == other.ResultsNotReported;

    /// <summary>A hash consistent with <see cref="Equals(StepStatus?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Name, State, StartedAt, FinishedAt, ExitCode, Reason, Attempts, Results.Count);
}
