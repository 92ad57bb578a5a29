using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>Where a run stands, as the conditions tell it.</summary>
internal enum RunSituation
{
    /// <summary>Accepted; no step started yet (Job being created, Pod not running).</summary>
    Pending,

    /// <summary>A Pod runs the steps (retries included).</summary>
    Running,

    /// <summary>The Job is suspended before it finished.</summary>
    Suspended,

    /// <summary>The run succeeded.</summary>
    Succeeded,

    /// <summary>The run failed.</summary>
    Failed,

    /// <summary>No Job can run: the spec is invalid or the Job name is taken.</summary>
    Blocked,
}

/// <summary>The run as a whole: its situation and the reason and message every condition carries.</summary>
/// <param name="Situation">Where the run stands.</param>
/// <param name="Reason">A CamelCase reason from <see cref="ConditionReasons"/> (or the Job's failure reason).</param>
/// <param name="Message">What a user should read.</param>
internal sealed record RunSummary(RunSituation Situation, string Reason, string Message);

/// <summary>A derived status before its conditions are added, with the summary the conditions are made of.</summary>
/// <param name="Status">The status; <c>conditions</c> and <c>observedGeneration</c> are filled in later.</param>
/// <param name="Summary">The run as a whole.</param>
/// <param name="SpecChangeNote">When the spec changed after the Job was created, what to tell the user; else null.</param>
/// <param name="EarlierAttempts">
/// Per step, the outcome of each attempt before its last (an exit code, or <c>t</c> for timed out), as the Pod's termination
/// messages report them: for the <c>StepRetried</c> Events. Not part of the stored status, which keeps only the count.
/// </param>
internal sealed record Assessment(
    SequentialJobStatus Status,
    RunSummary Summary,
    string? SpecChangeNote = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? EarlierAttempts = null);
