using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Carries out a <see cref="ReconcilePlan"/> in the order it prescribes: create the Job, patch it, write the status
/// (conditional on the read's resourceVersion), record the Events, delete the Job, delete the SequentialJob. A lost
/// race (the Job already exists, the status changed meanwhile) stops the rest and reconciles again shortly. A create the
/// server refuses is handed back (<see cref="ApplyOutcome.JobCreateRefusal"/>) to be planned into the status; a status
/// write it refuses is told in a Warning Event (the status cannot tell it) and retried at most
/// <see cref="RetryPacing.Longest"/> later. Other errors throw, and the controller retries with backoff.
/// </summary>
internal sealed class PlanApplier(
    IKubernetesClient client,
    EventSender events,
    OwnStatusWrites ownWrites,
    RunTelemetry runs,
    OperatorMetrics metrics,
    SequentialJobReconcilerOptions options,
    ILogger<PlanApplier> logger)
{
    private readonly WriteOptions writeOptions = new() { FieldManager = options.FieldManager };

    /// <summary>Applies the plan.</summary>
    /// <param name="sequentialJob">The SequentialJob the plan was made for (from the cache).</param>
    /// <param name="plan">The plan.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The outcome.</returns>
    public async Task<ApplyOutcome> ApplyAsync(JsonObject sequentialJob, ReconcilePlan plan, CancellationToken cancellationToken)
    {
        var ns = ObjectMetadata.Namespace(sequentialJob) ?? "";
        var name = ObjectMetadata.Name(sequentialJob) ?? "";
        if (plan.JobToCreate is { } job && await CreateJobAsync(ns, name, job, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        if (plan.JobPatch is { } patch)
        {
            var jobName = JobNaming.JobName(name);
            await client.PatchAsync(ResourceType.Jobs, ns, jobName, Patch.Merge(patch), writeOptions, cancellationToken).ConfigureAwait(false);
            ReconcilerLog.JobPatched(logger, ns, jobName);
        }

        var involved = sequentialJob;
        if (plan.Status is { } status)
        {
            var (written, refused) = await WriteStatusAsync(sequentialJob, status, plan.StatusChange, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            if (written is null)
            {
                return new ApplyOutcome(ReconcileResult.After(options.RaceRetryDelay), "conflict");
            }

            involved = written;
        }

        foreach (var planned in plan.Events)
        {
            events.Post(involved, planned.Type, planned.Reason, planned.Message);
        }

        if (plan.JobToDelete is { } deletion)
        {
            await DeleteJobAsync(ns, deletion, cancellationToken).ConfigureAwait(false);
        }

        if (plan.DeleteSequentialJob)
        {
            await DeleteAsync(sequentialJob, ns, name, cancellationToken).ConfigureAwait(false);
            return new ApplyOutcome(ReconcileResult.Done, "deleted");
        }

        var result = plan.RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;
        return new ApplyOutcome(result, plan.IsEmpty ? "unchanged" : "applied");
    }

    /// <summary>Creates the Job; null when created, else how the create ended (already there, or refused).</summary>
    private async Task<ApplyOutcome?> CreateJobAsync(string ns, string name, JsonObject job, CancellationToken cancellationToken)
    {
        var jobName = ObjectMetadata.Name(job) ?? JobNaming.JobName(name);
        try
        {
            await client.CreateAsync(ResourceType.Jobs, ns, job, writeOptions, cancellationToken).ConfigureAwait(false);
            metrics.JobsCreated.Add(1, new KeyValuePair<string, object?>("result", "created"));
            ReconcilerLog.JobCreated(logger, ns, jobName, name);
            return null;
        }
        catch (KubernetesAlreadyExistsException)
        {
            metrics.JobsCreated.Add(1, new KeyValuePair<string, object?>("result", "exists"));
            ReconcilerLog.JobExists(logger, ns, jobName);
            return new ApplyOutcome(ReconcileResult.After(options.RaceRetryDelay), "job-exists", JobAlreadyExisted: true);
        }
        catch (KubernetesApiException e) when (IsRefusal(e))
        {
            metrics.JobsCreated.Add(1, new KeyValuePair<string, object?>("result", "refused"));
            ReconcilerLog.JobRefused(logger, ns, jobName, e.Message);
            return new ApplyOutcome(ReconcileResult.Done, "job-refused", JobCreateRefusal: Refusal(e));
        }
    }

    /// <summary>
    /// Writes the status through the status subresource: the written object, or neither (the object changed since it was
    /// read, or is gone), or how a refusal was handled.
    /// </summary>
    private async Task<(JsonObject? Written, ApplyOutcome? Refused)> WriteStatusAsync(
        JsonObject sequentialJob, JsonObject status, StatusChange? change, CancellationToken cancellationToken)
    {
        var ns = ObjectMetadata.Namespace(sequentialJob) ?? "";
        var name = ObjectMetadata.Name(sequentialJob) ?? "";
        var body = StatusBody(sequentialJob, status);
        try
        {
            var written = await client.ReplaceStatusAsync(SequentialJobResource.Type, ns, body, writeOptions, cancellationToken).ConfigureAwait(false);
            // It stands in for the cached object for a moment: trimmed like it, so a large spec is not held twice. A status
            // update leaves the spec as it was (the write was conditional on the version read), so a spec the cache had
            // trimmed already is taken over instead of being read and fingerprinted again.
            if (sequentialJob["spec"] is JsonObject spec && CachedSpec.Of(spec) is not null)
            {
                written["spec"] = spec.DeepClone();
            }

            CachedFields.TrimSequentialJob(written);
            ownWrites.Remember(sequentialJob, written);
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "written"));
            var (phase, progress) = (JsonRead.Text(status, "phase"), JsonRead.Text(status, "progress"));
            ReconcilerLog.StatusWritten(logger, ns, name, phase, progress);
            RecordRun(ns, name, change, phase ?? "");
            return (written, null);
        }
        catch (KubernetesConflictException)
        {
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "conflict"));
            ReconcilerLog.StatusConflict(logger, ns, name);
            return (null, null);
        }
        catch (KubernetesNotFoundException)
        {
            // Deleted meanwhile: there is no status left to write.
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "gone"));
            return (null, null);
        }
        catch (KubernetesApiException e) when (IsRefusal(e))
        {
            // The status cannot say that it cannot be written: an Event on the SequentialJob does (its count grows with
            // each refused retry), and the log.
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "refused"));
            ReconcilerLog.StatusRefused(logger, ns, name, e.Message);
            events.Post(sequentialJob, EventTypes.Warning, EventReasons.StatusWriteFailed, $"the API server refused the status update: {Refusal(e)}; the operator tries again, at most {Entities.StatusText.Duration(RetryPacing.Longest)} apart");
            return (null, new ApplyOutcome(ReconcileResult.After(RetryPacing.Longest), "status-refused"));
        }
    }

    /// <summary>
    /// The body of a status update: the object's identity, its resourceVersion (the PUT only succeeds if nobody wrote in
    /// between) and the new status. The status subresource takes nothing else from the body (the server keeps the stored
    /// spec and metadata), so the spec, however large, is not sent.
    /// </summary>
    private static JsonObject StatusBody(JsonObject sequentialJob, JsonObject status)
    {
        var metadata = new JsonObject();
        foreach (var field in (string[])["name", "namespace", "uid", "resourceVersion"])
        {
            if (sequentialJob["metadata"]?[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = sequentialJob["apiVersion"]?.DeepClone(),
            ["kind"] = sequentialJob["kind"]?.DeepClone(),
            ["metadata"] = metadata,
            ["status"] = status.DeepClone(),
        };
    }

    /// <summary>
    /// Whether the server answered a write with a refusal that retrying at once will not change (a denied permission, a
    /// quota, an admission webhook, a validation error), as opposed to a lost race or an unavailable server.
    /// </summary>
    private static bool IsRefusal(KubernetesApiException e) =>
        e is not (KubernetesConflictException or KubernetesNotFoundException or KubernetesAlreadyExistsException)
        && e.Code is >= 400 and < 500 and not 408 and not 429;

    private static ApiRefusal Refusal(KubernetesApiException e) =>
        new(e.Code, e.Status.ReasonText.Length > 0 ? e.Status.ReasonText : e.Reason.ToString(), e.Status.Message);

    /// <summary>Deletes a finished Job whose TTL expired (its outcome is stored): background propagation, UID precondition.</summary>
    private async Task DeleteJobAsync(string ns, JobDeletion deletion, CancellationToken cancellationToken)
    {
        ReconcilerLog.JobTtlExpired(logger, ns, deletion.Name);
        var delete = new DeleteOptions { PropagationPolicy = PropagationPolicy.Background, PreconditionUid = deletion.Uid };
        try
        {
            await client.DeleteAsync(ResourceType.Jobs, ns, deletion.Name, delete, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesNotFoundException or KubernetesConflictException)
        {
            // Already gone, or another Job of that name: nothing of this run's to delete.
        }
    }

    /// <summary>Records a run that this write finished, from the typed statuses the planner carried.</summary>
    private void RecordRun(string ns, string name, StatusChange? change, string phase)
    {
        if (change is not null && runs.RecordIfFinished(ns, name, change.Previous, change.Next))
        {
            ReconcilerLog.RunFinished(logger, ns, name, phase);
        }
    }

    private async Task DeleteAsync(JsonObject sequentialJob, string ns, string name, CancellationToken cancellationToken)
    {
        ReconcilerLog.RetentionExpired(logger, ns, name);
        var delete = new DeleteOptions
        {
            PropagationPolicy = PropagationPolicy.Background,
            // Never the namesake created after this one was read.
            PreconditionUid = JsonRead.Text(sequentialJob, "metadata", "uid"),
        };
        try
        {
            await client.DeleteAsync(SequentialJobResource.Type, ns, name, delete, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesNotFoundException or KubernetesConflictException)
        {
            // Already gone, or a new object of that name: nothing of ours to delete.
        }
    }
}
