namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>One valid entry of a policy list, as written (before defaults are applied).</summary>
/// <param name="Index">Its position in the list, for error paths.</param>
/// <param name="Name">The step it applies to.</param>
/// <param name="After">The steps it waits for; <see langword="null"/> when not written (the default applies).</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="Timeout">Its timeout, if written.</param>
/// <param name="Retries">Its extra attempts, if written.</param>
/// <param name="RetryBackoff">Its wait before the second attempt, if written.</param>
/// <param name="When">When it runs, if written.</param>
/// <param name="Debug">Whether it is held for debugging after a failure, if written (else the run's default).</param>
/// <param name="DebugTimeout">Its longest hold, if written.</param>
internal sealed record StepPolicyEntry(
    int Index,
    string Name,
    IReadOnlyList<string>? After,
    OnErrorPolicy OnError,
    GoDuration? Timeout,
    int? Retries = null,
    GoDuration? RetryBackoff = null,
    StepCondition? When = null,
    DebugPolicy? Debug = null,
    GoDuration? DebugTimeout = null);
