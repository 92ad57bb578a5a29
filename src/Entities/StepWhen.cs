using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>When a step runs relative to its dependencies' outcomes (the converter's <see cref="StepProtocol.Policies.StepCondition"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepWhen>))]
public enum StepWhen
{
    /// <summary>When every dependency succeeded or continued on error (the default).</summary>
    [JsonStringEnumMemberName("OnSuccess")]
    OnSuccess,

    /// <summary>Only when a dependency failed, timed out, was skipped or died.</summary>
    [JsonStringEnumMemberName("OnFailure")]
    OnFailure,

    /// <summary>Once every dependency has an outcome, whatever it is.</summary>
    [JsonStringEnumMemberName("Always")]
    Always,
}
