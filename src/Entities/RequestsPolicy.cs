using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities;

/// <summary>What the run's Pod requests of the scheduler, ResourceQuota and queues such as Kueue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestsPolicy>))]
public enum RequestsPolicy
{
    /// <summary>
    /// Per resource, the most the steps can use at once (the default): the steps' requests move to the injected init
    /// container, limits stay as written.
    /// </summary>
    Peak,

    /// <summary>The containers' requests as written: the Pod requests their sum, as Kubernetes counts any Pod.</summary>
    AsWritten,
}
