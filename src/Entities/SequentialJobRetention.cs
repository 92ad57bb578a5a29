using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>The SequentialJob's own clean-up.</summary>
[Description("How long the SequentialJob itself is kept once finished.")]
public sealed class SequentialJobRetention
{
    /// <summary>Seconds after it finished when the SequentialJob is deleted; <see langword="null"/> to keep it.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    [Minimum(0)]
    [Description("Seconds after the run finished (status.completionTime) when the operator deletes the " +
        "SequentialJob, and through owner references its Job and Pods. Absent: kept until deleted by hand. Unlike " +
        "spec.ttlSecondsAfterFinished, which deletes only the Job and keeps this record.")]
    public int? TtlSecondsAfterFinished { get; set; }
}
