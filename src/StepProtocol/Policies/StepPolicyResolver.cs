namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// Resolves typed step policies (a SequentialJob's <c>spec.steps</c>) into one plan per step, with the same checks and
/// messages as <see cref="StepPolicyParser"/> gives for the annotation, minus the JSON shape errors a typed list cannot have.
/// </summary>
public static class StepPolicyResolver
{
    /// <summary>Checks and resolves the policies of a set of steps.</summary>
    /// <param name="policies">The policies as written, or <see langword="null"/> when there are none (every step gets the defaults).</param>
    /// <param name="stepNames">The step names (the container names) in order.</param>
    /// <param name="path">The path of <paramref name="policies"/> in the caller's object, prefixed to every error path.</param>
    /// <param name="defaultDebug">The whole run's debug policy (<c>spec.debug</c>), for steps that do not set their own.</param>
    /// <returns>One plan per step in <paramref name="stepNames"/> order, or the errors.</returns>
    public static StepPolicyParseResult Resolve(
        IReadOnlyList<WrittenStepPolicy?>? policies, IReadOnlyList<string> stepNames, string path, DebugPolicy defaultDebug = DebugPolicy.Never)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<ConversionError>();
        var collector = new StepPolicyCollector(path, defaultDebug);
        for (var i = 0; i < (policies?.Count ?? 0); i++)
        {
            var entryPath = JsonPath.Index(path, i);
            // Deserialized input can hold nulls the annotated types do not admit; report them as the JSON reader would.
            if (policies![i] is not { } policy)
            {
                errors.Add(StepPolicyRules.NotAnObject(entryPath, "null", stepNames));
            }
            else if (Check(policy, i, entryPath, stepNames, errors) is { } entry)
            {
                collector.Add(entry, entryPath, errors);
            }
        }

        return collector.Finish(stepNames, errors);
    }

    private static StepPolicyEntry? Check(
        WrittenStepPolicy policy, int index, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        var namePath = JsonPath.Property(path, "name");
        string? name = null;
        if (policy.Name is null)
        {
            errors.Add(StepPolicyRules.MissingName(namePath, stepNames));
        }
        else
        {
            name = StepPolicyRules.Name(policy.Name, namePath, stepNames, errors);
        }

        var after = CheckAfter(policy.After, name, JsonPath.Property(path, "after"), stepNames, errors);
        var timeout = policy.Timeout is { } text ? StepPolicyRules.Timeout(text, JsonPath.Property(path, "timeout"), errors) : null;
        var retries = policy.Retries is { } count ? StepPolicyRules.Retries(count, JsonPath.Property(path, "retries"), errors) : null;
        var backoff = Duration(policy.RetryBackoff, path, "retryBackoff", "1s", errors);
        var debugTimeout = Duration(policy.DebugTimeout, path, "debugTimeout", "30m", errors);
        StepPolicyRules.BackoffNeedsRetries(policy.Retries is not null and not 0, backoff, path, errors);
        return name is null
            ? null
            : new StepPolicyEntry(index, name, after, policy.OnError, timeout, retries, backoff, policy.When, policy.Debug, debugTimeout);
    }

    private static GoDuration? Duration(string? text, string entryPath, string field, string example, List<ConversionError> errors) =>
        text is null ? null : StepPolicyRules.PositiveDuration(text, JsonPath.Property(entryPath, field), example, errors);

    private static string[]? CheckAfter(
        IReadOnlyList<string>? written, string? name, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        if (written is null)
        {
            return null;
        }

        var after = new List<string>();
        for (var i = 0; i < written.Count; i++)
        {
            var itemPath = JsonPath.Index(path, i);
            if (written[i] is not { } dependency)
            {
                errors.Add(StepPolicyRules.DependencyNotString(itemPath, "null", stepNames));
            }
            else if (StepPolicyRules.Dependency(dependency, name, itemPath, stepNames, after, errors) is { } checkedName)
            {
                after.Add(checkedName);
            }
        }

        return [.. after];
    }
}
