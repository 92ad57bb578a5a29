using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>Where a SequentialJob's run stands as a whole.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SequentialJobPhase>))]
public enum SequentialJobPhase
{
    /// <summary>Accepted; its Job or Pod has not started a step yet.</summary>
    Pending,

    /// <summary>A Pod runs the steps.</summary>
    Running,

    /// <summary>The Job completed: every step succeeded, was skipped, or failed with <c>onError: continue</c>.</summary>
    Succeeded,

    /// <summary>The Job failed (retries exhausted, deadline exceeded) or the spec cannot run.</summary>
    Failed,
}
