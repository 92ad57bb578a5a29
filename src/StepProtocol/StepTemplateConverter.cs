using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Conversion;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol;

/// <summary>
/// Converts one pod template whose step policies the caller already holds typed (a SequentialJob's
/// <c>spec.steps</c>), without going through the <c>kueueleuleu.io/steps</c> annotation that raw manifests use.
/// </summary>
public static class StepTemplateConverter
{
    /// <summary>
    /// Converts a pod template (an object with <c>metadata</c> and <c>spec</c>). The input is never modified; the
    /// template's metadata, annotations included, is left as written.
    /// </summary>
    /// <param name="template">The pod template.</param>
    /// <param name="templatePath">Its path in the caller's object, prefixed to template error paths (<c>spec.template</c>).</param>
    /// <param name="policies">The step policies, or <see langword="null"/> for the defaults.</param>
    /// <param name="policiesPath">Their path in the caller's object, prefixed to policy error paths (<c>spec.steps</c>).</param>
    /// <param name="options">What to inject.</param>
    /// <param name="defaultDebug">The whole run's debug policy (<c>spec.debug</c>), for steps whose policy sets none.</param>
    /// <returns>The converted copy, or every error found with the path of its field in the caller's terms.</returns>
    public static ConversionResult Convert(
        JsonObject template,
        string templatePath,
        IReadOnlyList<WrittenStepPolicy?>? policies,
        string policiesPath,
        ConversionOptions options,
        DebugPolicy defaultDebug = DebugPolicy.Never)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(templatePath);
        ArgumentNullException.ThrowIfNull(policiesPath);
        ArgumentNullException.ThrowIfNull(options);
        var copy = template.DeepClone().AsObject();
        var errors = new List<ConversionError>();
        PodTemplateConverter.Convert(copy, templatePath, StepPolicySource.Typed(policies, policiesPath, defaultDebug), options, errors);
        return ConversionResult.From(copy, errors);
    }
}
