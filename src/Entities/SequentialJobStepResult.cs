using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>One result a step wrote: a file in its results directory, as far as it fitted its termination message.</summary>
[Description("One result the step wrote as a file in $KUEUELEULEU_RESULTS (/kueueleuleu/results/STEP/NAME in the Pod).")]
public sealed class SequentialJobStepResult
{
    /// <summary>The result's name: its file name.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Description("The result's name: its file name.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The file's content, when it fitted the step's share of the Pod's termination-message budget.</summary>
    [JsonPropertyName("value")]
    [Description("The file's content as UTF-8 text. Absent when truncated is true.")]
    public string? Value { get; set; }

    /// <summary>The file's size in bytes.</summary>
    [JsonPropertyName("size")]
    [Minimum(0)]
    [Description("The file's size in bytes.")]
    public long Size { get; set; }

    /// <summary>Whether the value is missing from the status.</summary>
    [JsonPropertyName("truncated")]
    [Description("True when the value is not in the status: it did not fit the step's share of the Pod's 12288-byte " +
        "termination-message budget, or is not UTF-8 text. Later steps of the Pod still read the whole file from the " +
        "shared volume.")]
    public bool? Truncated { get; set; }
}
