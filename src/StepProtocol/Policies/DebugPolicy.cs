namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>Whether a step's container is kept alive for inspection after its command finally failed.</summary>
public enum DebugPolicy
{
    /// <summary>The outcome is published at once (the default).</summary>
    Never,

    /// <summary>
    /// A failed, timed-out or continued step is held (its dependants keep waiting) until it is released, its debug
    /// timeout passes or the Pod is stopped; then its outcome is published as without the hold.
    /// </summary>
    OnFailure,
}
