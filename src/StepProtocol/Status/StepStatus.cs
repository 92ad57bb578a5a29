namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The state of one step of a converted Pod.</summary>
/// <param name="Name">The step name (its container name).</param>
/// <param name="State">Where the step stands.</param>
/// <param name="StartedAt">When its command started (not when its container started), if known.</param>
/// <param name="FinishedAt">When it finished, if it has.</param>
/// <param name="ExitCode">Its command's exit code, if it ran and finished.</param>
/// <param name="Reason">
/// A short CamelCase reason: <c>Error</c>, <c>TimedOut</c>, <c>ContinuedOnError</c>, <c>DependencyFailed</c>,
/// <c>WaitingForDependencies</c>, or the kubelet's (<c>OOMKilled</c>, <c>ErrImagePull</c>, <c>PodInitializing</c>, ...).
/// </param>
/// <param name="Message">A human-readable detail, if any.</param>
public sealed record StepStatus(
    string Name,
    StepState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Reason,
    string? Message);
