namespace Kueueleuleu.Entities;

/// <summary>The condition types of a SequentialJob (see docs/sequentialjob.md for when each is set).</summary>
public static class ConditionTypes
{
    /// <summary>True once the run succeeded, as on a Job: <c>kubectl wait --for=condition=Complete</c>.</summary>
    public const string Complete = "Complete";

    /// <summary>True once the run failed, as on a Job: <c>kubectl wait --for=condition=Failed</c>.</summary>
    public const string Failed = "Failed";

    /// <summary>True once the run succeeded; False while it runs or after it failed (kstatus "Ready").</summary>
    public const string Ready = "Ready";

    /// <summary>True while the run is pending or running (kstatus: InProgress).</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>True once the run failed or cannot start (kstatus: Failed, so Flux fails fast).</summary>
    public const string Stalled = "Stalled";

    /// <summary>Every type, in the order the operator writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [Complete, Failed, Ready, Reconciling, Stalled];
}
