using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Images;

/// <summary>A pod spec the converter converts, and its steps without <c>command</c>.</summary>
/// <param name="Spec">The pod spec.</param>
/// <param name="SpecPath">Its path in the document (<c>spec.template.spec</c>; empty-prefixed paths for a Pod: <c>spec</c>).</param>
/// <param name="Steps">Its containers without <c>command</c>, in order.</param>
internal sealed record PodTemplateSteps(JsonObject Spec, string SpecPath, IReadOnlyList<StepWithoutCommand> Steps);
