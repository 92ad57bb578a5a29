using System.Diagnostics;
using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Operator.Images;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.Operator.Planning.Images;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>
/// The imperative shell around <see cref="ReconcilePlanner"/>: reads the SequentialJob, its Job and Pods from the
/// caches, plans, and has <see cref="PlanApplier"/> carry the plan out. One span per reconcile.
/// </summary>
#pragma warning disable CA1001 // The SemaphoreSlim owns a handle only once AvailableWaitHandle is read, which never happens.
internal sealed class SequentialJobReconciler : IReconciler
#pragma warning restore CA1001
{
    private readonly IKubernetesClient client;
    private readonly ReconcileCaches caches;
    private readonly ReconcileSettings settings;
    private readonly PlanApplier applier;
    private readonly OwnStatusWrites ownWrites;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim wholeObjects;
    private readonly ImageResolver? images;

    /// <summary>Creates the reconciler.</summary>
    /// <param name="client">The API client (writes, and reads the caches cannot answer).</param>
    /// <param name="caches">The SequentialJob, Job and Pod caches.</param>
    /// <param name="options">Entrypoint image and retry pacing.</param>
    /// <param name="applier">Carries plans out.</param>
    /// <param name="ownWrites">The status writes the SequentialJob cache has not shown yet.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="images">Looks up what steps without command run; without it, such steps are refused as before.</param>
    public SequentialJobReconciler(IKubernetesClient client, ReconcileCaches caches, SequentialJobReconcilerOptions options, PlanApplier applier, OwnStatusWrites ownWrites, TimeProvider time, ILogger<SequentialJobReconciler> logger, ImageResolver? images = null)
    {
        this.images = images;
        this.logger = logger;
        wholeObjects = new SemaphoreSlim(options.WholeObjectConcurrency);
        this.client = client;
        this.caches = caches;
        this.applier = applier;
        this.ownWrites = ownWrites;
        this.time = time;
        settings = new ReconcileSettings(options.EntrypointImage, options.BlockedRetryInterval, options.DefaultPlatform);
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
        var jobName = JobNaming.JobName(key.Name);
        var input = Input(sequentialJob, caches.Jobs.Get(new ObjectKey(key.Namespace, jobName)));
        var plan = ReconcilePlanner.Plan(input);
        if (!plan.FetchSequentialJob)
        {
            return await ApplyAsync(key, sequentialJob, input, plan, activity, cancellationToken).ConfigureAwait(false);
        }

        // The cache keeps only the live fields of a large spec; building or validating the Job needs all of it. A few at
        // a time: the whole object is held until the reconcile ends.
        await wholeObjects.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await client.TryGetAsync(SequentialJobResource.Type, key.Namespace, key.Name, cancellationToken).ConfigureAwait(false) is not { } whole)
            {
                return ReconcileResult.Done;
            }

            input = Input(whole, input.Job);
            return await ApplyAsync(key, whole, input, ReconcilePlanner.Plan(input), activity, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            wholeObjects.Release();
        }
    }

    private async Task<ReconcileResult> ApplyAsync(ObjectKey key, JsonObject sequentialJob, ReconcileInput input, ReconcilePlan plan, Activity? activity, CancellationToken cancellationToken)
    {
        var jobName = JobNaming.JobName(key.Name);
        if (plan.VerifyJobAbsence)
        {
            // The status says the Job was created, the cache has none: too new for the cache, or deleted. Only the
            // server can tell, and creating it again would run the steps twice.
            var serverJob = await client.TryGetAsync(ResourceType.Jobs, key.Namespace, jobName, cancellationToken).ConfigureAwait(false);
            if (serverJob is null)
            {
                ReconcilerLog.JobGone(logger, key.Namespace, jobName);
            }

            input = Input(sequentialJob, serverJob) with { JobAbsenceConfirmed = serverJob is null };
            plan = ReconcilePlanner.Plan(input);
        }

        var applied = await applier.ApplyAsync(sequentialJob, plan, cancellationToken).ConfigureAwait(false);
        if (applied.JobAlreadyExisted)
        {
            // The cache had no Job but the server has one: a foreign Job (not labelled as ours, so never cached)
            // or a cache that is behind. Plan once more with the server's Job, which tells the two apart.
            var serverJob = await client.TryGetAsync(ResourceType.Jobs, key.Namespace, jobName, cancellationToken).ConfigureAwait(false);
            plan = ReconcilePlanner.Plan(Input(sequentialJob, serverJob));
            applied = plan.JobToCreate is null ? await applier.ApplyAsync(sequentialJob, plan, cancellationToken).ConfigureAwait(false) : applied;
        }
        else if (applied.JobCreateRefusal is { } refusal)
        {
            // The refusal goes into the status (condition, Event) and sets the pace of the next attempt.
            plan = ReconcilePlanner.Plan(input with { JobCreateRefusal = refusal });
            applied = await applier.ApplyAsync(sequentialJob, plan, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag("kueueleuleu.outcome", applied.Outcome);
        return applied.Result;
    }

    /// <summary>
    /// Where the lookups of the images of steps without command stand, for a SequentialJob whose Job is yet to be built
    /// (never once its status records a Job, so a finished run does not ask registries again); starts the missing ones.
    /// </summary>
    private IReadOnlyDictionary<ImageKey, ImageLookupState> ImageStates(JsonObject sequentialJob, JsonObject? job)
    {
        var template = JsonRead.At(sequentialJob, "spec", "template") as JsonObject;
        if (images is null || job is not null || template is null || JsonRead.Text(sequentialJob, "status", "jobName") is not null
            || JsonRead.At(sequentialJob, "metadata", "deletionTimestamp") is not null)
        {
            return new Dictionary<ImageKey, ImageLookupState>();
        }

        var (needs, _) = ImageNeeds.Of(template, settings.DefaultPlatform);
        var key = new ObjectKey(ObjectMetadata.Namespace(sequentialJob) ?? string.Empty, JsonRead.Text(sequentialJob, "metadata", "name") ?? string.Empty);
        return needs.Count == 0 ? new Dictionary<ImageKey, ImageLookupState>() : images.States(key, template["spec"] as JsonObject, needs);
    }

    private ReconcileInput Input(JsonObject sequentialJob, JsonObject? job)
    {
        var uid = JsonRead.Text(sequentialJob, "metadata", "uid");
        var ns = ObjectMetadata.Namespace(sequentialJob);
        IReadOnlyList<JsonObject> pods = uid is null ? [] : caches.Pods.ListByLabel(ns, SequentialJobLabels.SequentialJobUid, uid);
        var jobUid = job is null ? null : JsonRead.Text(job, "metadata", "uid");
        // Few: only FailedCreate Events of Jobs are cached, and Events expire after an hour.
        IReadOnlyList<JsonObject> events = jobUid is null ? [] : [.. caches.JobEvents.List(ns ?? "").Where(e => JsonRead.Text(e, "involvedObject", "uid") == jobUid)];
        // Needed only to build a Job; listing a namespace's few LimitRanges from the cache costs next to nothing.
        IReadOnlyList<JsonObject> limitRanges = job is null ? caches.LimitRanges.List(ns ?? "") : [];
        return new ReconcileInput(sequentialJob, job, pods, time.GetUtcNow(), settings) { JobEvents = events, LimitRanges = limitRanges, Images = ImageStates(sequentialJob, job) };
    }
}
