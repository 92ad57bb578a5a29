using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>A condition in the shape of <c>metav1.Condition</c>, with the same schema constraints.</summary>
[Description("Condition contains details for one aspect of the current state of this API Resource (metav1.Condition).")]
public sealed class Condition
{
    /// <summary>The condition type, such as <see cref="ConditionTypes.Complete"/>.</summary>
    [JsonPropertyName("type")]
    [Required]
    [Pattern(SchemaPatterns.ConditionType)]
    [MaxLength(316)]
    [Description("Type of condition in CamelCase: Complete, Failed, Ready, Reconciling or Stalled.")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Whether the condition holds.</summary>
    [JsonPropertyName("status")]
    [Required]
    [Description("Status of the condition, one of True, False, Unknown.")]
    public ConditionStatus Status { get; set; } = ConditionStatus.Unknown;

    /// <summary>The <c>metadata.generation</c> the condition was set from.</summary>
    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    [Description("The .metadata.generation that the condition was set based upon.")]
    public long? ObservedGeneration { get; set; }

    /// <summary>When the status last changed.</summary>
    [JsonPropertyName("lastTransitionTime")]
    [Required]
    [Description("The last time the condition transitioned from one status to another.")]
    public DateTimeOffset LastTransitionTime { get; set; }

    /// <summary>A CamelCase reason for the last transition.</summary>
    [JsonPropertyName("reason")]
    [Required]
    [Pattern(SchemaPatterns.ConditionReason)]
    [MinLength(1)]
    [MaxLength(1024)]
    [Description("A programmatic identifier in CamelCase indicating the reason for the condition's last transition.")]
    public string Reason { get; set; } = string.Empty;

    /// <summary>A human-readable message; may be empty.</summary>
    [JsonPropertyName("message")]
    [Required]
    [MaxLength(32768)]
    [Description("A human readable message indicating details about the transition. May be empty.")]
    public string Message { get; set; } = string.Empty;
}
