using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>A pod spec (<c>v1 PodSpec</c>) of which only the containers and the restart policy are declared.</summary>
[Description("The pod spec (v1 PodSpec). Fields not listed here are kept and passed to the Job unchanged.")]
public sealed class StepPodSpec
{
    /// <summary>The most containers a SequentialJob may have.</summary>
    public const int MaxContainers = 64;

    /// <summary>The containers: the steps.</summary>
    [JsonPropertyName("containers")]
    [Required]
    [MinItems(1)]
    [MaxItems(MaxContainers)]
    [Description("The steps: one container each, run one after the other in this order unless steps policies say " +
        "otherwise. Init containers and native sidecars are not steps; they keep their usual behaviour. At most 64.")]
    public IList<StepContainer> Containers { get; set; } = [];

    /// <summary>The restart policy; the API server defaults it to <c>Never</c>.</summary>
    [JsonPropertyName("restartPolicy")]
    [EnumValues("Never", "OnFailure")]
    [Default("\"Never\"")]
    [Description("Never (the default) or OnFailure. With Never a failed run is retried in a new Pod (see " +
        "backoffLimit); with OnFailure the kubelet restarts the failed step's container in the same Pod.")]
    public string? RestartPolicy { get; set; }

    /// <summary>Every other pod spec field, kept as written.</summary>
    // Not JsonObject: as extension data it serializes as a nested object without a name on .NET 10.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
