using System.Diagnostics;
using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Reconciliation;
using Kueueleuleu.Operator.Runtime;
using Kueueleuleu.Operator.Telemetry;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// The imperative shell around <see cref="ReconcilePlanner"/>: reads the SequentialJob, its Job and Pods from the
/// caches, plans, and has <see cref="PlanApplier"/> carry the plan out. One span per reconcile.
/// </summary>
internal sealed class SequentialJobReconciler : IReconciler
{
    private readonly IKubernetesClient client;
    private readonly ReconcileCaches caches;
    private readonly ReconcileSettings settings;
    private readonly PlanApplier applier;
    private readonly OwnStatusWrites ownWrites;
    private readonly TimeProvider time;

    /// <summary>Creates the reconciler.</summary>
    /// <param name="client">The API client (writes, and reads the caches cannot answer).</param>
    /// <param name="caches">The SequentialJob, Job and Pod caches.</param>
    /// <param name="options">Entrypoint image and retry pacing.</param>
    /// <param name="applier">Carries plans out.</param>
    /// <param name="ownWrites">The status writes the SequentialJob cache has not shown yet.</param>
    /// <param name="time">The clock.</param>
    public SequentialJobReconciler(IKubernetesClient client, ReconcileCaches caches, SequentialJobReconcilerOptions options, PlanApplier applier, OwnStatusWrites ownWrites, TimeProvider time)
    {
        this.client = client;
        this.caches = caches;
        this.applier = applier;
        this.ownWrites = ownWrites;
        this.time = time;
        settings = new ReconcileSettings(options.EntrypointImage, options.BlockedRetryInterval);
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        using var activity = OperatorActivitySource.Source.StartActivity("reconcile SequentialJob", ActivityKind.Internal);
        activity?.SetTag("k8s.namespace.name", key.Namespace);
        activity?.SetTag("kueueleuleu.sequentialjob", key.Name);
        try
        {
            var result = await ReconcileCoreAsync(key, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("kueueleuleu.requeue_after_seconds", result.RequeueAfter?.TotalSeconds);
            return result;
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            activity.AddException(e);
            throw;
        }
    }

    private async Task<ReconcileResult> ReconcileCoreAsync(ObjectKey key, Activity? activity, CancellationToken cancellationToken)
    {
        if (caches.SequentialJobs.Get(key) is not { } cached)
        {
            // Deleted: owner references take its Job and Pods away; nothing is ours to do.
            activity?.SetTag("kueueleuleu.outcome", "gone");
            return ReconcileResult.Done;
        }

        var sequentialJob = ownWrites.Current(key, cached);

        var job = caches.Jobs.Get(new ObjectKey(key.Namespace, JobNaming.JobName(key.Name)));
        var plan = Plan(sequentialJob, job);
        var applied = await applier.ApplyAsync(sequentialJob, plan, cancellationToken).ConfigureAwait(false);
        if (applied.JobAlreadyExisted)
        {
            // The cache had no Job but the server has one: a foreign Job (not labelled as ours, so never cached)
            // or a cache that is behind. Plan once more with the server's Job, which tells the two apart.
            var serverJob = await client.TryGetAsync(ResourceType.Jobs, key.Namespace, JobNaming.JobName(key.Name), cancellationToken).ConfigureAwait(false);
            plan = Plan(sequentialJob, serverJob);
            applied = plan.JobToCreate is null ? await applier.ApplyAsync(sequentialJob, plan, cancellationToken).ConfigureAwait(false) : applied;
        }

        activity?.SetTag("kueueleuleu.outcome", applied.Outcome);
        return applied.Result;
    }

    private ReconcilePlan Plan(JsonObject sequentialJob, JsonObject? job)
    {
        var uid = JsonRead.String(sequentialJob, "metadata", "uid");
        var ns = ObjectMetadata.Namespace(sequentialJob);
        IReadOnlyList<JsonObject> pods = uid is null ? [] : caches.Pods.ListByLabel(ns, SequentialJobLabels.SequentialJobUid, uid);
        return ReconcilePlanner.Plan(new ReconcileInput(sequentialJob, job, pods, time.GetUtcNow(), settings));
    }
}
