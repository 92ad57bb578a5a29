using System.Text.Json.Serialization;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>
/// The policy of one step, in the language of <see cref="StepPolicyParser"/> (the same as the pod-template annotation
/// <c>kueueleuleu.io/steps</c>); <see cref="ToWritten()"/> hands it to the converter typed.
/// </summary>
[Description("The policy of one step.")]
[CelRule("!has(self.after) || !(self.name in self.after)", "a step cannot wait for itself: remove its own name from after")]
[CelRule(
    "!has(self.retryBackoff) || (has(self.retries) && self.retries > 0)",
    "retryBackoff is the wait between attempts: set retries (1 or more) or remove retryBackoff")]
[CelRule(
    "!has(self.when) || self.when != 'OnFailure' || !has(self.after) || size(self.after) > 0",
    "a step with when: OnFailure and an empty after waits for no step, so nothing before it can fail and it would never run: list the steps it reacts to in after")]
public sealed class StepPolicy
{
    /// <summary>The most steps a step may wait for.</summary>
    public const int MaxAfter = 64;

    /// <summary>The step: a container name.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Pattern(SchemaPatterns.DnsLabel)]
    [MaxLength(SchemaPatterns.DnsLabelMaxLength)]
    [Description("The step the policy applies to: the name of a container in template.spec.containers.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The steps it waits for; <see langword="null"/> for the previous container.</summary>
    [JsonPropertyName("after")]
    [MaxItems(MaxAfter)]
    [ListType("set")]
    [ItemPattern(SchemaPatterns.DnsLabel)]
    [ItemMaxLength(SchemaPatterns.DnsLabelMaxLength)]
    [Description("The steps this one waits for (container names). Absent: the previous container (none for the " +
        "first). [] starts the step at once. Steps must not wait for each other in a cycle.")]
    public IList<string>? After { get; set; }

    /// <summary>What its failure means for dependants; <see langword="null"/> for <see cref="StepOnError.Stop"/>.</summary>
    [JsonPropertyName("onError")]
    [Description("stop (the default): when this step fails, the steps waiting for it are skipped. continue: they run anyway.")]
    public StepOnError? OnError { get; set; }

    /// <summary>How long its command may run, in Go duration syntax; <see langword="null"/> for no limit.</summary>
    [JsonPropertyName("timeout")]
    [Pattern(SchemaPatterns.GoDuration)]
    [MaxLength(64)]
    [Description("How long the step's command may run before it is killed and marked timed out, in Go duration " +
        "syntax (30s, 1.5m, 1h30m); longer than zero. Absent: no limit.")]
    public string? Timeout { get; set; }

    /// <summary>Extra attempts after a failed attempt; <see langword="null"/> for none.</summary>
    [JsonPropertyName("retries")]
    [Minimum(0)]
    [Maximum(100)]
    [Description("Extra attempts after a failed (or timed out) attempt, 0 to 100, in the same container: the other " +
        "steps and the Pod are untouched, the timeout applies to each attempt, and the step's log introduces each " +
        "attempt with one line. A command that cannot start (not found, not executable) is not retried. Absent: 0.")]
    public int? Retries { get; set; }

    /// <summary>The wait before the second attempt, in Go duration syntax; <see langword="null"/> for 1s.</summary>
    [JsonPropertyName("retryBackoff")]
    [Pattern(SchemaPatterns.GoDuration)]
    [MaxLength(64)]
    [Description("The wait before the second attempt, in Go duration syntax, longer than zero; it doubles after each " +
        "further failed attempt, up to 5m (or retryBackoff itself when longer). Needs retries. Absent: 1s.")]
    public string? RetryBackoff { get; set; }

    /// <summary>When the step runs relative to its dependencies; <see langword="null"/> for <see cref="StepWhen.OnSuccess"/>.</summary>
    [JsonPropertyName("when")]
    [Description("When the step runs relative to the outcomes of the steps in after. OnSuccess (the default): when " +
        "they succeeded (or continued on error); otherwise it is skipped. OnFailure: only when one of them failed, timed " +
        "out or was skipped (a report step); otherwise it is Skipped with reason ConditionNotMet and the run does not " +
        "fail because of it. Always: once each has an outcome, whatever it is (a cleanup step). The run still fails " +
        "when a step without onError: continue failed.")]
    public StepWhen? When { get; set; }

    /// <summary>Whether a failed step is held for debugging; <see langword="null"/> for <c>spec.debug</c>.</summary>
    [JsonPropertyName("debug")]
    [Description("Never: the outcome is published at once. OnFailure: when the step's command finally failed, its " +
        "container is kept running (its dependants wait) so that kubectl exec can look at its files, until " +
        "`kubectl exec POD -c STEP -- /kueueleuleu/entrypoint release`, debugTimeout, or the end of the run; the outcome " +
        "is then the same as without the hold. The step must not have a readinessProbe. Absent: spec.debug.")]
    public StepDebug? Debug { get; set; }

    /// <summary>The longest hold, in Go duration syntax; <see langword="null"/> for 1h.</summary>
    [JsonPropertyName("debugTimeout")]
    [Pattern(SchemaPatterns.GoDuration)]
    [MaxLength(64)]
    [Description("The longest debug hold, in Go duration syntax, longer than zero; only with debug OnFailure (on the " +
        "step or in spec.debug). Absent: 1h.")]
    public string? DebugTimeout { get; set; }

    /// <summary>The policy in the converter's terms, as written: defaults are applied and names checked there.</summary>
    /// <returns>The same policy as a <see cref="WrittenStepPolicy"/>.</returns>
    public WrittenStepPolicy ToWritten() => new(
        Name,
        After is null ? null : [.. After],
        OnError == StepOnError.Continue ? OnErrorPolicy.Continue : OnErrorPolicy.Stop,
        Timeout,
        Retries,
        RetryBackoff,
        When is { } when ? ToCondition(when) : null,
        Debug is { } debug ? ToPolicy(debug) : null,
        DebugTimeout);

    /// <summary>A <c>when</c> in the converter's terms.</summary>
    /// <param name="when">The resource's value.</param>
    /// <returns>The same condition.</returns>
    public static StepCondition ToCondition(StepWhen when) => when switch
    {
        StepWhen.OnFailure => StepCondition.OnFailure,
        StepWhen.Always => StepCondition.Always,
        _ => StepCondition.OnSuccess,
    };

    /// <summary>A <c>debug</c> in the converter's terms; <see langword="null"/> (not written) is <see cref="DebugPolicy.Never"/>.</summary>
    /// <param name="debug">The resource's value.</param>
    /// <returns>The same policy.</returns>
    public static DebugPolicy ToPolicy(StepDebug? debug) => debug == StepDebug.OnFailure ? DebugPolicy.OnFailure : DebugPolicy.Never;

    /// <summary>A list of policies in the converter's terms; null entries stay null so they are reported, not thrown on.</summary>
    /// <param name="steps">The policies, possibly <see langword="null"/>.</param>
    /// <returns>The written policies, or <see langword="null"/> when there are none.</returns>
    public static IReadOnlyList<WrittenStepPolicy?>? ToWritten(IList<StepPolicy>? steps) =>
        steps?.Select(step => step?.ToWritten()).ToArray();
}
