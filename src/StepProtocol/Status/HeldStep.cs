using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// A step whose command failed and whose container is kept alive for <c>kubectl exec</c>. Its readiness probe (added
/// by the converter for steps with <c>--debug=on-failure</c>) succeeds exactly while the entrypoint holds it, so a
/// running, ready container of such a step is held. Its outcome is not published yet: that happens when the hold ends.
/// </summary>
internal static class HeldStep
{
    /// <summary>The hold the entrypoint applies when <c>--debug-timeout</c> is absent.</summary>
    public const string DefaultDebugTimeout = "1h";

    /// <summary>Whether the step is held: running, ready, and converted with the debug policy.</summary>
    public static bool IsHeld(StepArguments step, ContainerState container) =>
        step.Debug == DebugPolicy.OnFailure && container.Phase == ContainerPhase.Running && container.Ready;

    /// <summary>
    /// The status of a held step. The Pod does not tell when the command failed, so the message gives the longest
    /// hold from the failure and where the exact end is written (the container's log), not a guessed time.
    /// </summary>
    public static StepStatus Read(StepArguments step, DateTimeOffset? commandStart, string? podName)
    {
        var pod = podName ?? "POD";
        var timeout = step.DebugTimeout ?? DefaultDebugTimeout;
        var message =
            $"the command failed and the container is held for debugging (debug: OnFailure) for at most {timeout} after the failure " +
            $"(its log says until when); its dependants wait. Enter it with kubectl exec; end the hold with: " +
            $"kubectl exec {pod} -c {step.Step} -- {EntrypointProtocol.EntrypointPath} {EntrypointProtocol.ReleaseVerb}";
        return new StepStatus(step.Step, StepState.Running, commandStart, null, null, StepReasons.HeldForDebugging, message);
    }
}
