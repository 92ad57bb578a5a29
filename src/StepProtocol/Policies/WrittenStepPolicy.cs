namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// The policy of one step as the user wrote it, before defaults are applied and names are checked: the typed form of
/// one entry of <c>spec.steps</c> or of the <c>kueueleuleu.io/steps</c> annotation.
/// </summary>
/// <param name="Name">The step it applies to: a container name.</param>
/// <param name="After">The steps it waits for; <see langword="null"/> when not written (the previous container).</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="Timeout">Its timeout in Go duration syntax; <see langword="null"/> for no limit.</param>
public sealed record WrittenStepPolicy(
    string Name,
    IReadOnlyList<string>? After = null,
    OnErrorPolicy OnError = OnErrorPolicy.Stop,
    string? Timeout = null);
