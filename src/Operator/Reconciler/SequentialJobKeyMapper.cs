using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Maps a Job or Pod the operator created to the SequentialJob to reconcile. The name label is enough unless the
/// SequentialJob's name is longer than a label value may be (then the label holds a shortened name): such objects are
/// matched by the UID label against the cached SequentialJobs of their namespace.
/// </summary>
public static class SequentialJobKeyMapper
{
    /// <summary>Creates the mapper.</summary>
    /// <param name="sequentialJobs">The SequentialJob cache, to resolve shortened names.</param>
    /// <returns>The mapper for <see cref="Controller.Watch"/>.</returns>
    public static Func<JsonObject, IEnumerable<ObjectKey>> Create(Informer sequentialJobs)
    {
        ArgumentNullException.ThrowIfNull(sequentialJobs);
        return obj => Map(sequentialJobs, obj);
    }

    private static List<ObjectKey> Map(Informer sequentialJobs, JsonObject obj)
    {
        var ns = ObjectMetadata.Namespace(obj) ?? "";
        var name = ObjectMetadata.Label(obj, SequentialJobLabels.SequentialJobName);
        if (name is { Length: > 0 and < JobNaming.MaxLength })
        {
            return [new ObjectKey(ns, name)];
        }

        var uid = ObjectMetadata.Label(obj, SequentialJobLabels.SequentialJobUid);
        return uid is not null && sequentialJobs.GetByUid(ns, uid) is { } sequentialJob ? [ObjectKey.Of(sequentialJob)] : [];
    }
}
