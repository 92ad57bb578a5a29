using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>Whether a condition holds (<c>metav1.ConditionStatus</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>Not known.</summary>
    Unknown,
}
