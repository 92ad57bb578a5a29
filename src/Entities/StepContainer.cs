using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>A container (<c>v1 Container</c>) of which only the name and image are declared: one step.</summary>
[Description("A step: a v1 Container. Fields not listed here (command, args, env, resources, ...) are kept and " +
    "passed to the Job unchanged.")]
public sealed class StepContainer
{
    /// <summary>The container name, which is also the step name.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Pattern(SchemaPatterns.DnsLabel)]
    [MaxLength(SchemaPatterns.DnsLabelMaxLength)]
    [Description("The container name, which is also the step name (an RFC 1123 label: lower-case letters, digits " +
        "and '-', at most 63 characters).")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The container image.</summary>
    [JsonPropertyName("image")]
    [Required]
    [MinLength(1)]
    [Description("The container image.")]
    public string Image { get; set; } = string.Empty;

    /// <summary>Every other container field, kept as written.</summary>
    // Not JsonObject: as extension data it serializes as a nested object without a name on .NET 10.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
