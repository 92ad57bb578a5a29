namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// The policy of one step as the user wrote it, before defaults are applied and names are checked: the typed form of
/// one entry of <c>spec.steps</c> or of the <c>kueueleuleu.io/steps</c> annotation. Every field left
/// <see langword="null"/> was not written, so its default applies.
/// </summary>
/// <param name="Name">The step it applies to: a container name.</param>
/// <param name="After">The steps it waits for; <see langword="null"/> when not written (the previous container).</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="Timeout">Its timeout in Go duration syntax; <see langword="null"/> for no limit.</param>
/// <param name="Retries">Extra attempts after a failed attempt (0 to 100); <see langword="null"/> for none.</param>
/// <param name="RetryBackoff">The wait before the second attempt in Go duration syntax; <see langword="null"/> for 1s.</param>
/// <param name="When">When the step runs relative to its dependencies; <see langword="null"/> for on success.</param>
/// <param name="Debug">Whether a failed step is held for debugging; <see langword="null"/> for the run's default.</param>
/// <param name="DebugTimeout">The longest hold in Go duration syntax; <see langword="null"/> for 1h.</param>
public sealed record WrittenStepPolicy(
    string Name,
    IReadOnlyList<string>? After = null,
    OnErrorPolicy OnError = OnErrorPolicy.Stop,
    string? Timeout = null,
    int? Retries = null,
    string? RetryBackoff = null,
    StepCondition? When = null,
    DebugPolicy? Debug = null,
    string? DebugTimeout = null);
