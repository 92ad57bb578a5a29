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

    /// <summary>The policy in the converter's terms, as written: defaults are applied and names checked there.</summary>
    /// <returns>The same policy as a <see cref="WrittenStepPolicy"/>.</returns>
    public WrittenStepPolicy ToWritten() => new(
        Name,
        After is null ? null : [.. After],
        OnError == StepOnError.Continue ? OnErrorPolicy.Continue : OnErrorPolicy.Stop,
        Timeout);

    /// <summary>A list of policies in the converter's terms; null entries stay null so they are reported, not thrown on.</summary>
    /// <param name="steps">The policies, possibly <see langword="null"/>.</param>
    /// <returns>The written policies, or <see langword="null"/> when there are none.</returns>
    public static IReadOnlyList<WrittenStepPolicy?>? ToWritten(IList<StepPolicy>? steps) =>
        steps?.Select(step => step?.ToWritten()).ToArray();
}
