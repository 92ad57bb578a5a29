namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>A step with its policies resolved: defaults applied, names checked, the graph free of cycles.</summary>
/// <param name="Name">The step name: the container name.</param>
/// <param name="After">The steps it waits for; empty means it starts at once.</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="Timeout">How long its command may run (each attempt); <see langword="null"/> for no limit.</param>
/// <param name="Retries">Extra attempts after a failed attempt; 0 for none.</param>
/// <param name="RetryBackoff">The wait before the second attempt; <see langword="null"/> for the entrypoint's 1s.</param>
/// <param name="When">When the step runs relative to its dependencies' outcomes.</param>
/// <param name="Debug">Whether a failed step is held for debugging, the run's default applied.</param>
/// <param name="DebugTimeout">The longest hold; <see langword="null"/> for the entrypoint's 1h.</param>
public sealed record StepPlan(
    string Name,
    IReadOnlyList<string> After,
    OnErrorPolicy OnError,
    GoDuration? Timeout,
    int Retries = 0,
    GoDuration? RetryBackoff = null,
    StepCondition When = StepCondition.OnSuccess,
    DebugPolicy Debug = DebugPolicy.Never,
    GoDuration? DebugTimeout = null);
