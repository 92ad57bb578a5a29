namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// Gathers the checked entries of one policy list, refusing a second policy for the same step, and resolves them into
/// one plan per step. Shared by the annotation parser and the typed resolver.
/// </summary>
internal sealed class StepPolicyCollector(string path, DebugPolicy defaultDebug)
{
    private readonly Dictionary<string, StepPolicyEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Adds an entry read at <paramref name="entryPath"/>, unless its step already has one.</summary>
    public void Add(StepPolicyEntry entry, string entryPath, List<ConversionError> errors)
    {
        if (entries.TryGetValue(entry.Name, out var first))
        {
            errors.Add(new(
                JsonPath.Property(entryPath, "name"),
                $"step '{entry.Name}' already has a policy at {JsonPath.Index(path, first.Index)}; merge the two entries"));
            return;
        }

        entries[entry.Name] = entry;
    }

    /// <summary>
    /// Applies the defaults (a step without a policy waits for the previous step, the first for none, stops dependants
    /// on failure, has no timeout and no retries, runs when its dependencies succeeded, and is held for debugging as the
    /// run's default says) and reports the cycles and the policies that contradict each other.
    /// </summary>
    public StepPolicyParseResult Finish(IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        var plans = Resolve(stepNames);
        foreach (var plan in plans)
        {
            CheckContradictions(plan, errors);
        }

        foreach (var cycle in StepCycles.Find(plans))
        {
            errors.Add(CycleError(cycle));
        }

        return new StepPolicyParseResult(plans, errors);
    }

    private StepPlan[] Resolve(IReadOnlyList<string> stepNames)
    {
        var plans = new StepPlan[stepNames.Count];
        for (var i = 0; i < stepNames.Count; i++)
        {
            var name = stepNames[i];
            IReadOnlyList<string> previous = i == 0 ? [] : [stepNames[i - 1]];
            plans[i] = entries.TryGetValue(name, out var entry)
                ? new StepPlan(
                    name,
                    entry.After ?? previous,
                    entry.OnError,
                    entry.Timeout,
                    entry.Retries ?? 0,
                    entry.RetryBackoff,
                    entry.When ?? StepCondition.OnSuccess,
                    entry.Debug ?? defaultDebug,
                    entry.DebugTimeout)
                : new StepPlan(name, previous, OnErrorPolicy.Stop, null, Debug: defaultDebug);
        }

        return plans;
    }

    private void CheckContradictions(StepPlan plan, List<ConversionError> errors)
    {
        if (!entries.TryGetValue(plan.Name, out var entry))
        {
            return;
        }

        var entryPath = JsonPath.Index(path, entry.Index);
        if (plan.When == StepCondition.OnFailure && plan.After.Count == 0)
        {
            var why = entry.After is null ? "it is the first container and sets no after" : "its after is empty";
            errors.Add(new(
                JsonPath.Property(entryPath, "when"),
                $"is OnFailure but step '{plan.Name}' waits for no step ({why}), so nothing before it can fail and it would never run; list the steps it reacts to in after, or remove when"));
        }

        if (plan.DebugTimeout is not null && plan.Debug == DebugPolicy.Never)
        {
            var why = entry.Debug is null ? "the step sets no debug and the whole run's default is Never" : "the step's debug is Never";
            errors.Add(new(
                JsonPath.Property(entryPath, "debugTimeout"),
                $"is set but step '{plan.Name}' is never held for debugging ({why}); set debug: OnFailure or remove debugTimeout"));
        }
    }

    private ConversionError CycleError(IReadOnlyList<string> cycle)
    {
        // Point at the first written `after` on the cycle: defaults alone never make a cycle, so one exists.
        var culprit = cycle.Select(name => entries.GetValueOrDefault(name)).FirstOrDefault(e => e?.After is not null);
        var where = culprit is null ? path : JsonPath.Property(JsonPath.Index(path, culprit.Index), "after");
        var walk = string.Join(" \u2192 ", cycle);
        return new ConversionError(
            where,
            $"the steps wait for each other in a cycle: {walk} (each waits for the next); remove one of these dependencies");
    }
}
