namespace Kueueleuleu.StepProtocol.Status;

/// <summary>Where a step stands.</summary>
public enum StepState
{
    /// <summary>Not started: its container is not running yet, or it waits for its dependencies.</summary>
    Waiting,

    /// <summary>Its command runs.</summary>
    Running,

    /// <summary>Its command exited 0.</summary>
    Succeeded,

    /// <summary>Its command failed or timed out (including a failure tolerated by <c>onError: continue</c>).</summary>
    Failed,

    /// <summary>Its command never ran because a dependency failed, timed out or was skipped.</summary>
    Skipped,
}
