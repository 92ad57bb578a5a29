using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Reconciliation;
using Kueueleuleu.Operator.Runtime;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// Carries out a <see cref="ReconcilePlan"/> in the order it prescribes: create the Job, patch it, write the status
/// (conditional on the read's resourceVersion), record the Events, delete the SequentialJob. A lost race (the Job
/// already exists, the status changed meanwhile) stops the rest and reconciles again shortly; other API errors throw,
/// and the controller retries with backoff.
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
        if (plan.JobToCreate is { } job && !await CreateJobAsync(ns, name, job, cancellationToken).ConfigureAwait(false))
        {
            return new ApplyOutcome(ReconcileResult.After(options.RaceRetryDelay), "job-exists", JobAlreadyExisted: true);
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
            if (await WriteStatusAsync(sequentialJob, status, cancellationToken).ConfigureAwait(false) is not { } written)
            {
                return new ApplyOutcome(ReconcileResult.After(options.RaceRetryDelay), "conflict");
            }

            involved = written;
        }

        foreach (var planned in plan.Events)
        {
            events.Post(involved, planned.Type, planned.Reason, planned.Message);
        }

        if (plan.DeleteSequentialJob)
        {
            await DeleteAsync(sequentialJob, ns, name, cancellationToken).ConfigureAwait(false);
            return new ApplyOutcome(ReconcileResult.Done, "deleted");
        }

        var result = plan.RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;
        return new ApplyOutcome(result, plan.IsEmpty ? "unchanged" : "applied");
    }

    /// <summary>Creates the Job; false when it already exists.</summary>
    private async Task<bool> CreateJobAsync(string ns, string name, JsonObject job, CancellationToken cancellationToken)
    {
        var jobName = ObjectMetadata.Name(job) ?? JobNaming.JobName(name);
        try
        {
            await client.CreateAsync(ResourceType.Jobs, ns, job, writeOptions, cancellationToken).ConfigureAwait(false);
            metrics.JobsCreated.Add(1, new KeyValuePair<string, object?>("result", "created"));
            ReconcilerLog.JobCreated(logger, ns, jobName, name);
            return true;
        }
        catch (KubernetesAlreadyExistsException)
        {
            metrics.JobsCreated.Add(1, new KeyValuePair<string, object?>("result", "exists"));
            ReconcilerLog.JobExists(logger, ns, jobName);
            return false;
        }
    }

    /// <summary>Writes the status through the status subresource; null when the object changed since it was read.</summary>
    private async Task<JsonObject?> WriteStatusAsync(JsonObject sequentialJob, JsonObject status, CancellationToken cancellationToken)
    {
        var ns = ObjectMetadata.Namespace(sequentialJob) ?? "";
        var name = ObjectMetadata.Name(sequentialJob) ?? "";
        // The cached object keeps its resourceVersion: the PUT only succeeds if nobody wrote in between.
        var body = sequentialJob.DeepClone().AsObject();
        body["status"] = status.DeepClone();
        try
        {
            var written = await client.ReplaceStatusAsync(SequentialJobResource.Type, ns, body, writeOptions, cancellationToken).ConfigureAwait(false);
            ownWrites.Remember(sequentialJob, written);
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "written"));
            var (phase, progress) = (JsonRead.String(status, "phase"), JsonRead.String(status, "progress"));
            ReconcilerLog.StatusWritten(logger, ns, name, phase, progress);
            RecordRun(ns, name, sequentialJob["status"] as JsonObject, status);
            return written;
        }
        catch (KubernetesConflictException)
        {
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "conflict"));
            ReconcilerLog.StatusConflict(logger, ns, name);
            return null;
        }
        catch (KubernetesNotFoundException)
        {
            // Deleted meanwhile: there is no status left to write.
            metrics.StatusWrites.Add(1, new KeyValuePair<string, object?>("result", "gone"));
            return null;
        }
    }

    private void RecordRun(string ns, string name, JsonObject? previous, JsonObject current)
    {
        if (StatusCodec.Decode(current) is { } next && runs.RecordIfFinished(ns, name, StatusCodec.Decode(previous), next))
        {
            var phase = JsonRead.String(current, "phase") ?? "";
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
            PreconditionUid = JsonRead.String(sequentialJob, "metadata", "uid"),
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
