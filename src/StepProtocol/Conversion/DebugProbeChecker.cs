using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Refuses a readiness probe on a step held for debugging: the hold is reported through a readiness probe the converter
/// adds, and a container has only one.
/// </summary>
internal static class DebugProbeChecker
{
    /// <summary>Adds an error for every step with debug OnFailure whose container has a <c>readinessProbe</c>.</summary>
    public static void Check(PodSpecView view, IReadOnlyList<StepPlan> plans, List<ConversionError> errors)
    {
        foreach (var plan in plans.Where(p => p.Debug == DebugPolicy.OnFailure))
        {
            if (view.Containers.FirstOrDefault(c => c.Name == plan.Name) is { } container && container.Node["readinessProbe"] is not null)
            {
                errors.Add(new(JsonPath.Property(container.Path, "readinessProbe"), DebugReadinessProbe.ConflictMessage(plan.Name)));
            }
        }
    }
}
