using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>What the run's Pod reserves, and why: the answer to "why was it scheduled there, or admitted".</summary>
[Description("What the run's Pod requests, as the scheduler, ResourceQuota and Kueue count it, and why.")]
public sealed class SequentialJobReservation
{
    /// <summary>The Pod's effective requests per resource, as Kubernetes counts them.</summary>
    [JsonPropertyName("requests")]
    [Description("The Pod's effective requests per resource (init containers, sidecars and overhead counted as " +
        "Kubernetes counts them): what the scheduler places, ResourceQuota charges and Kueue admits.")]
    public IDictionary<string, string>? Requests { get; set; }

    /// <summary>Why the requests are what they are: Peak, NoReduction, AsWritten, Guaranteed or LimitRange.</summary>
    [JsonPropertyName("reason")]
    [Description("Peak: the steps' requests were moved to what can run at once; NoReduction: that is already the " +
        "sum; AsWritten: spec.requestsPolicy says so; Guaranteed: the Pod's QoS class is kept; LimitRange: a " +
        "LimitRange of the namespace forbids the reduced requests, so the sum is requested.")]
    public string? Reason { get; set; }

    /// <summary>The same in a sentence, with the sum the Pod would request as written.</summary>
    [JsonPropertyName("message")]
    [Description("The same in a sentence, with what the Pod would request with the requests as written.")]
    public string? Message { get; set; }
}
