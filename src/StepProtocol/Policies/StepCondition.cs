namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>When a step runs relative to the outcomes of the steps it waits for (its <c>when</c> policy).</summary>
public enum StepCondition
{
    /// <summary>Only when every dependency succeeded or continued on error (the default).</summary>
    OnSuccess,

    /// <summary>Only when a dependency failed, timed out, was skipped or died: a report-on-failure step.</summary>
    OnFailure,

    /// <summary>Once every dependency has an outcome, whatever it is: a cleanup step.</summary>
    Always,
}
