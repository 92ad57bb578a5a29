using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Json;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>
/// The desired run: the fields of a <c>batch/v1</c> JobSpec, passed to the generated Job unchanged, plus
/// <see cref="Steps"/>, <see cref="Debug"/>, <see cref="RequestsPolicy"/> and <see cref="Retention"/>. JobSpec fields this type does not declare (newer or rarer ones)
/// are kept in <see cref="AdditionalFields"/> and reach the Job too.
/// </summary>
[Description("SequentialJobSpec holds the fields of a batch/v1 JobSpec, passed to the generated Job unchanged " +
    "(fields not listed here are kept and passed on too), plus steps, debug, requestsPolicy and retention.")]
[CelRule(
    "!has(self.steps) || self.steps.all(s, self.template.spec.containers.exists(c, c.name == s.name))",
    "every steps[].name must be the name of a container in template.spec.containers")]
[CelRule(
    "!has(self.steps) || self.steps.all(s, !has(s.after) || s.after.all(a, self.template.spec.containers.exists(c, c.name == a)))",
    "every name in steps[].after must be the name of a container in template.spec.containers")]
[CelRule(
    "!has(self.steps) || self.steps.all(s, !has(s.debugTimeout) || (has(s.debug) ? s.debug == 'OnFailure' : has(self.debug) && self.debug == 'OnFailure'))",
    "steps[].debugTimeout needs the step to be held for debugging: set debug: OnFailure on the step (or spec.debug) or remove debugTimeout")]
public sealed class SequentialJobSpec
{
    /// <summary>The spec fields the Job does not get: they are the SequentialJob's own.</summary>
    public static IReadOnlyList<string> OwnFields { get; } = ["steps", "debug", "retention", "requestsPolicy"];

    /// <summary>The pod template; its containers are the steps.</summary>
    [JsonPropertyName("template")]
    [Required]
    public StepPodTemplate Template { get; set; } = new();

    /// <summary>Always 1 when set: one Pod runs the steps.</summary>
    [JsonPropertyName("parallelism")]
    [Minimum(1)]
    [Maximum(1)]
    [Description("Must be 1 when set: the steps run in one Pod, so a second Pod would run the whole sequence again " +
        "alongside the first.")]
    public int? Parallelism { get; set; }

    /// <summary>Always 1 when set: the run is complete when its one Pod succeeds.</summary>
    [JsonPropertyName("completions")]
    [Minimum(1)]
    [Maximum(1)]
    [Description("Must be 1 when set: the run is complete when its one Pod has run every step.")]
    public int? Completions { get; set; }

    /// <summary>Always <c>NonIndexed</c> when set.</summary>
    [JsonPropertyName("completionMode")]
    [EnumValues("NonIndexed")]
    [Description("Must be NonIndexed when set: with one completion there is nothing to index. The fields that need " +
        "Indexed (backoffLimitPerIndex, maxFailedIndexes, successPolicy) are therefore refused by the Job API.")]
    public string? CompletionMode { get; set; }

    /// <summary>How many Pods may fail before the Job fails (the Job's default is 6).</summary>
    [JsonPropertyName("backoffLimit")]
    [Minimum(0)]
    [Description("Passed to the Job: the number of failed Pods (each a whole run of the steps from the first) " +
        "before the Job is marked failed. The Job's default is 6.")]
    public int? BackoffLimit { get; set; }

    /// <summary>The Job's time limit in seconds, counted from its start.</summary>
    [JsonPropertyName("activeDeadlineSeconds")]
    [Minimum(1)]
    [Description("Passed to the Job: seconds the Job may be active, all Pods and retries included, before it is " +
        "terminated and marked failed.")]
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>Seconds after which the finished Job (not the SequentialJob) is deleted.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    [Minimum(0)]
    [Description("Passed to the Job: seconds after it finished when the Job and its Pods are deleted. The " +
        "SequentialJob and its status stay; see retention.ttlSecondsAfterFinished to delete it too.")]
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>Whether the Job is suspended (Kubernetes 1.21 and later).</summary>
    [JsonPropertyName("suspend")]
    [Description("Passed to the Job: while true, no Pod runs (Kubernetes 1.21 and later; older servers ignore it).")]
    public bool? Suspend { get; set; }

    /// <summary>The Job's pod failure policy, passed on unchanged.</summary>
    [JsonPropertyName("podFailurePolicy")]
    [Description("Passed to the Job unchanged (batch/v1 PodFailurePolicy): how Pod failures count against " +
        "backoffLimit. Requires template.spec.restartPolicy Never.")]
    public JsonObject? PodFailurePolicy { get; set; }

    /// <summary>The step policies; steps without one wait for the previous container.</summary>
    [JsonPropertyName("steps")]
    [MaxItems(64)]
    [ListType("map", "name")]
    [Description("Policies of the steps, by container name. A step without a policy waits for the previous " +
        "container (the first for none), stops its dependants when it fails, has no timeout and no retries, runs when " +
        "its dependencies succeeded, and is held for debugging as spec.debug says.")]
    public IList<StepPolicy>? Steps { get; set; }

    /// <summary>The debug policy of every step whose policy sets none; <see langword="null"/> for <see cref="StepDebug.Never"/>.</summary>
    [JsonPropertyName("debug")]
    [Description("The debug policy of every step whose steps[] entry sets no debug. OnFailure: a step whose command " +
        "finally failed keeps its container running (its dependants wait) for kubectl exec, until released with " +
        "`kubectl exec POD -c STEP -- /kueueleuleu/entrypoint release`, its debugTimeout (1h by default), or the " +
        "deletion of the SequentialJob; status.steps[] says HeldForDebugging meanwhile. Containers of such steps must not " +
        "have a readinessProbe. Never (the default): the outcome is published at once.")]
    public StepDebug? Debug { get; set; }

    /// <summary>What the run's Pod requests: the peak of its steps (the default) or the sum as written.</summary>
    [JsonPropertyName("requestsPolicy")]
    [Description("What the run's Pod requests of the scheduler, ResourceQuota and Kueue. Peak (the default): per " +
        "resource, the most the steps can use at once (the largest step of a chain; for steps[].after, the largest " +
        "sum of steps that can run together), carried by the injected init container; every limit stays as written. " +
        "AsWritten: the containers' requests as written, so the Pod requests their sum. See status.reservation.")]
    public RequestsPolicy? RequestsPolicy { get; set; }

    /// <summary>The SequentialJob's own clean-up.</summary>
    [JsonPropertyName("retention")]
    public SequentialJobRetention? Retention { get; set; }

    /// <summary>
    /// Spec fields this type does not declare, such as newer JobSpec fields (<c>podReplacementPolicy</c>,
    /// <c>managedBy</c>, ...), kept with their JSON text and passed to the Job.
    /// </summary>
    // Not JsonObject: as extension data it serializes as a nested object without a name on .NET 10.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>
    /// The spec of the Job to create: every field of this spec, undeclared ones included, except
    /// <see cref="OwnFields"/>. The pod template is returned as written; the operator converts it.
    /// </summary>
    /// <returns>A new JSON object the caller may change.</returns>
    public JsonObject ToJobSpec()
    {
        var spec = JsonSerializer.SerializeToNode(this, SequentialJobJson.Spec)!.AsObject();
        foreach (var field in OwnFields)
        {
            spec.Remove(field);
        }

        return spec;
    }
}
