using System.Text.Json.Nodes;
using Kueueleuleu.Objects;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Reads the whole run's debug default from a pod template's <c>kueueleuleu.io/debug</c> annotation (raw manifests;
/// a SequentialJob has <c>spec.debug</c>).
/// </summary>
internal static class DebugAnnotationReader
{
    /// <summary>The path of the annotation inside a template at <paramref name="templatePath"/>.</summary>
    public static string PathOf(string templatePath) =>
        JsonPath.Key(JsonPath.Property(JsonPath.Property(templatePath, "metadata"), "annotations"), EntrypointProtocol.DebugAnnotation);

    /// <summary>
    /// The default: <see cref="DebugPolicy.Never"/> when the annotation is absent. A metadata of the wrong shape is
    /// reported by <see cref="StepAnnotationReader"/>, so it is not reported again here.
    /// </summary>
    public static DebugPolicy Read(JsonObject template, string templatePath, List<ConversionError> errors)
    {
        var value = ((template["metadata"] as JsonObject)?["annotations"] as JsonObject)?[EntrypointProtocol.DebugAnnotation];
        if (value is null)
        {
            return DebugPolicy.Never;
        }

        if (JsonRead.Text(value) is { } text && StepPolicyRules.Debug(text) is { } policy)
        {
            return policy;
        }

        errors.Add(new(
            PathOf(templatePath),
            $"must be the string \"Never\" or \"OnFailure\" (the debug policy of every step that sets none), not {JsonRead.Describe(value)}"));
        return DebugPolicy.Never;
    }
}
