using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>
/// A pod template (<c>v1 PodTemplateSpec</c>) of which only the essentials are declared; every other field is kept in
/// <see cref="AdditionalFields"/>, so the CRD stays small and no Pod field is lost.
/// </summary>
[Description("The pod template of the Job (v1 PodTemplateSpec). Its containers are the steps, run in order. Only " +
    "the essentials are checked here; the Job API checks the rest.")]
public sealed class StepPodTemplate
{
    /// <summary>The pod spec.</summary>
    [JsonPropertyName("spec")]
    [Required]
    public StepPodSpec Spec { get; set; } = new();

    /// <summary>Every other field (<c>metadata</c>, ...), kept as written.</summary>
    // Not JsonObject: as extension data it serializes as a nested object without a name on .NET 10.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
