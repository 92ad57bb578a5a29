namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>The steps resolved from a policy list, or the errors found in it.</summary>
public sealed class StepPolicyParseResult
{
    internal StepPolicyParseResult(IReadOnlyList<StepPlan> steps, IReadOnlyList<ConversionError> errors)
    {
        Steps = errors.Count == 0 ? steps : [];
        Errors = errors;
    }

    /// <summary>One plan per step, in step order; empty when there are errors.</summary>
    public IReadOnlyList<StepPlan> Steps { get; }

    /// <summary>Every error found, each with the path of the offending field.</summary>
    public IReadOnlyList<ConversionError> Errors { get; }

    /// <summary>Whether the policies are valid.</summary>
    public bool Succeeded => Errors.Count == 0;
}
