using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Where a template's step policies come from: the typed list a caller hands over, or the template's own
/// <c>kueueleuleu.io/steps</c> and <c>kueueleuleu.io/debug</c> annotations (raw manifests). Either way they are planned against the containers found.
/// </summary>
internal abstract class StepPolicySource
{
    /// <summary>
    /// Plans the steps; <paramref name="stepNames"/> is <see langword="null"/> when the containers are unreadable, and
    /// then no plan is made (every policy would look wrong against an incomplete list).
    /// </summary>
    public abstract IReadOnlyList<StepPlan> Plan(IReadOnlyList<string>? stepNames, List<ConversionError> errors);

    /// <summary>
    /// Policies the caller holds typed, reported at <paramref name="path"/> in the caller's object, with the run's debug
    /// default the caller holds too.
    /// </summary>
    public static StepPolicySource Typed(IReadOnlyList<WrittenStepPolicy?>? policies, string path, DebugPolicy defaultDebug) =>
        new TypedSource(policies, path, defaultDebug);

    /// <summary>Policies read from the annotation of <paramref name="template"/> at <paramref name="templatePath"/>.</summary>
    public static StepPolicySource Annotation(JsonObject template, string templatePath) =>
        new AnnotationSource(template, templatePath);

    private sealed class TypedSource(IReadOnlyList<WrittenStepPolicy?>? policies, string path, DebugPolicy defaultDebug) : StepPolicySource
    {
        public override IReadOnlyList<StepPlan> Plan(IReadOnlyList<string>? stepNames, List<ConversionError> errors)
        {
            if (stepNames is null)
            {
                return [];
            }

            var result = StepPolicyResolver.Resolve(policies, stepNames, path, defaultDebug);
            errors.AddRange(result.Errors);
            return result.Steps;
        }
    }

    private sealed class AnnotationSource(JsonObject template, string templatePath) : StepPolicySource
    {
        public override IReadOnlyList<StepPlan> Plan(IReadOnlyList<string>? stepNames, List<ConversionError> errors)
        {
            // The annotation's own form is checked even when the containers are not: both are the user's to fix.
            var policies = StepAnnotationReader.Read(template, templatePath, errors);
            var defaultDebug = DebugAnnotationReader.Read(template, templatePath, errors);
            if (stepNames is null)
            {
                return [];
            }

            var result = StepPolicyParser.Parse(policies, stepNames, StepAnnotationReader.PathOf(templatePath), defaultDebug);
            errors.AddRange(result.Errors);
            return result.Steps;
        }
    }
}
