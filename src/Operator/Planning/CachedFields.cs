using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// What the caches keep of the objects the reconciler reads: everything it looks at (metadata, status, the step
/// containers' names and entrypoint arguments, the Job's spec switches) and nothing else. A converted Pod's spec
/// (volumes, env, resources, probes, the injected init container) is most of its size and never read, so dropping it
/// is what keeps the operator small with thousands of runs cached. SequentialJobs keep their spec whole only while it
/// is small and their Job is still to be built (<see cref="TrimSequentialJob"/>).
/// </summary>
/// <remarks>
/// The trims change the object in place: they run on a freshly received object before anything else holds it. A
/// test plans every captured scenario with full and with trimmed objects and requires the same plan, so a field the
/// planner starts to read cannot be trimmed away unnoticed.
/// </remarks>
internal static class CachedFields
{
    /// <summary>The Job spec fields the planner reads besides the template.</summary>
    private static readonly string[] JobSpecFields = ["suspend", "activeDeadlineSeconds", "backoffLimit"];

    /// <summary>The container fields that tell a step: its name and the entrypoint's command line.</summary>
    private static readonly string[] StepContainerFields = ["name", "command", "args"];

    /// <summary>Trims a Pod: metadata and status as they are, of the spec only the containers' step fields.</summary>
    /// <param name="pod">A Pod just received; changed in place.</param>
    public static void TrimPod(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod["spec"] is JsonObject spec)
        {
            pod["spec"] = new JsonObject { ["containers"] = StepContainers(spec) };
        }
    }

    /// <summary>
    /// Trims a Job: metadata and status as they are, of the spec the switches the planner reads and, of the pod
    /// template, the containers' step fields (the steps of a Job whose Pod does not exist yet).
    /// </summary>
    /// <param name="job">A Job just received; changed in place.</param>
    public static void TrimJob(JsonObject job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job["spec"] is not JsonObject spec)
        {
            return;
        }

        var trimmed = Pick(spec, JobSpecFields);
        if (spec["template"] is JsonObject { } template && template["spec"] is JsonObject podSpec)
        {
            trimmed["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = StepContainers(podSpec) } };
        }

        job["spec"] = trimmed;
    }

    /// <summary>A spec longer than this (as JSON text) is not kept whole: the reconciler reads it from the server when it needs it.</summary>
    public const int WholeSpecLimit = 32 * 1024;

    /// <summary>kubectl's copy of the whole object as last applied: as large as the spec, and never read.</summary>
    internal const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The spec fields the planner reads once the Job exists: applied live, never frozen into the Job.</summary>
    private static readonly string[] LiveSpecFields = ["suspend", "retention", "ttlSecondsAfterFinished"];

    /// <summary>
    /// Trims a SequentialJob: never kubectl's last-applied annotation; of the spec, once the status records the Job (it
    /// is built and its template can no longer change) or when the spec is larger than <see cref="WholeSpecLimit"/>,
    /// only the live fields and the fingerprint of the rest (<see cref="CachedSpec"/>). One namespace full of large
    /// SequentialJobs then costs the operator a few hundred bytes each, not their size.
    /// </summary>
    /// <param name="sequentialJob">A SequentialJob just received; changed in place.</param>
    public static void TrimSequentialJob(JsonObject sequentialJob)
    {
        ArgumentNullException.ThrowIfNull(sequentialJob);
        (sequentialJob["metadata"]?["annotations"] as JsonObject)?.Remove(LastAppliedAnnotation);
        if (sequentialJob["spec"] is not JsonObject spec || CachedSpec.Of(spec) is not null)
        {
            return;
        }

        var jobRecorded = JsonRead.Text(sequentialJob, "status", "jobName") is not null;
        if (!jobRecorded && JsonBytes.Count(spec) <= WholeSpecLimit)
        {
            return;
        }

        var trimmed = Pick(spec, LiveSpecFields);
        trimmed[CachedSpec.Key] = new CachedSpec(SpecFingerprint.Of(spec)).ToJson();
        sequentialJob["spec"] = trimmed;
    }

    /// <summary>The Event fields <see cref="RunObstacle"/> reads: what it is about, why, what it says, and when.</summary>
    private static readonly string[] EventFields = ["involvedObject", "reason", "message", "type", "firstTimestamp", "lastTimestamp", "eventTime", "count"];

    /// <summary>Trims an Event: its identity in <c>metadata</c> and the fields <see cref="RunObstacle"/> reads.</summary>
    /// <param name="e">An Event just received; changed in place.</param>
    public static void TrimEvent(JsonObject e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kept = Pick(e, EventFields);
        kept["metadata"] = Pick(e["metadata"], ["name", "namespace", "uid", "resourceVersion"]);
        e.Clear();
        foreach (var (key, value) in kept.ToList())
        {
            kept.Remove(key);
            e[key] = value;
        }
    }

    private static JsonArray StepContainers(JsonObject podSpec)
    {
        var containers = new JsonArray();
        foreach (var container in podSpec["containers"] as JsonArray ?? [])
        {
            containers.Add((JsonNode)Pick(container, StepContainerFields));
        }

        return containers;
    }

    /// <summary>A new object with copies of those of <paramref name="fields"/> that <paramref name="source"/> has.</summary>
    private static JsonObject Pick(JsonNode? source, string[] fields)
    {
        var kept = new JsonObject();
        foreach (var field in fields)
        {
            if (source?[field] is { } value)
            {
                kept[field] = value.DeepClone();
            }
        }

        return kept;
    }
}
