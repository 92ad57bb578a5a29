using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>What a step's failure means for the steps that wait for it (the converter's <see cref="StepProtocol.Policies.OnErrorPolicy"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepOnError>))]
public enum StepOnError
{
    /// <summary>Dependants are skipped (the default).</summary>
    [JsonStringEnumMemberName("stop")]
    Stop,

    /// <summary>Dependants run anyway.</summary>
    [JsonStringEnumMemberName("continue")]
    Continue,
}
