namespace Kueueleuleu.StepProtocol.Status;

/// <summary>The reasons of <see cref="StepStatus"/> that callers act on.</summary>
public static class StepReasons
{
    /// <summary>A Skipped step whose <c>when</c> condition was not met: nothing failed because of it.</summary>
    public const string ConditionNotMet = "ConditionNotMet";

    /// <summary>A Running step whose command failed and whose container is held for debugging.</summary>
    public const string HeldForDebugging = "HeldForDebugging";

    /// <summary>A Skipped step whose dependency failed, timed out or was skipped.</summary>
    public const string DependencyFailed = "DependencyFailed";
}
