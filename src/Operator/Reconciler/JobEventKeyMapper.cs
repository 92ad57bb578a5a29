using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Maps an Event about a Job to the SequentialJob of that Job: through the Job in the cache (only the operator's Jobs
/// are there), so Events about other Jobs wake nobody.
/// </summary>
public static class JobEventKeyMapper
{
    /// <summary>Creates the mapper.</summary>
    /// <param name="jobs">The cache of the operator's Jobs.</param>
    /// <param name="jobMapper">Maps one of those Jobs to its SequentialJob (<see cref="SequentialJobKeyMapper"/>).</param>
    /// <returns>The mapper for <see cref="Controller.Watch"/>.</returns>
    public static Func<JsonObject, IEnumerable<ObjectKey>> Create(Informer jobs, Func<JsonObject, IEnumerable<ObjectKey>> jobMapper)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(jobMapper);
        return e => Map(jobs, jobMapper, e);
    }

    private static IEnumerable<ObjectKey> Map(Informer jobs, Func<JsonObject, IEnumerable<ObjectKey>> jobMapper, JsonObject e)
    {
        var ns = JsonRead.Text(e, "involvedObject", "namespace") ?? ObjectMetadata.Namespace(e) ?? "";
        return JsonRead.Text(e, "involvedObject", "name") is { } name
            && jobs.Get(new ObjectKey(ns, name)) is { } job
            && JsonRead.Text(job, "metadata", "uid") == JsonRead.Text(e, "involvedObject", "uid")
            ? jobMapper(job)
            : [];
    }
}
