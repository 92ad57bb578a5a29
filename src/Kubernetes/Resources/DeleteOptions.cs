using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>How dependents (objects whose ownerReferences point at the deleted object) are handled.</summary>
public enum PropagationPolicy
{
    /// <summary>The object goes at once; the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>The object stays (with a <c>foregroundDeletion</c> finalizer) until blocking dependents are gone.</summary>
    Foreground,

    /// <summary>Dependents stay; their owner references to the object are removed.</summary>
    Orphan,
}

/// <summary>Options of a delete call.</summary>
public sealed record DeleteOptions
{
    /// <summary>The propagation policy; null for the resource's default.</summary>
    public PropagationPolicy? PropagationPolicy { get; init; }

    /// <summary>Delete only if the object still has this UID (not a re-created namesake).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object still has this resource version.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>The grace period for Pods; 0 deletes immediately.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Whether the call carries a precondition, which makes a repeat harmless.</summary>
    public bool HasPreconditions => PreconditionUid is not null || PreconditionResourceVersion is not null;

    internal JsonObject ToBody()
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (PropagationPolicy is { } policy)
        {
            body["propagationPolicy"] = policy.ToString();
        }

        if (GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }

        if (HasPreconditions)
        {
            var preconditions = new JsonObject();
            if (PreconditionUid is not null)
            {
                preconditions["uid"] = PreconditionUid;
            }

            if (PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = PreconditionResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        return body;
    }
}
