using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>Whether a failed step's container is kept alive for inspection (the converter's <see cref="StepProtocol.Policies.DebugPolicy"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepDebug>))]
public enum StepDebug
{
    /// <summary>The outcome is published at once (the default).</summary>
    [JsonStringEnumMemberName("Never")]
    Never,

    /// <summary>A failed step is held until released, its debug timeout, or the run's end.</summary>
    [JsonStringEnumMemberName("OnFailure")]
    OnFailure,
}
