using System.Text.Json.Nodes;

namespace Kueueleuleu.Converter.Policies;

/// <summary>
/// Parses a list of step policies (<c>[{"name": "test", "after": ["build"], "onError": "continue", "timeout": "10m"}]</c>)
/// into one resolved plan per step. The pod-template annotation <c>kueueleuleu.io/steps</c> and the SequentialJob's
/// <c>spec.steps</c> both use it, so both accept the same language and report the same errors.
/// </summary>
public static class StepPolicyParser
{
    /// <summary>Parses and resolves the policies of a set of steps.</summary>
    /// <param name="policies">
    /// The JSON array of policies, or <see langword="null"/> when there is none (every step gets the defaults).
    /// </param>
    /// <param name="stepNames">The step names (the container names) in order.</param>
    /// <param name="path">The path of <paramref name="policies"/>, prefixed to every error path.</param>
    /// <returns>
    /// One plan per step in <paramref name="stepNames"/> order. A step without a policy waits for the previous
    /// step (the first waits for none), stops dependants on failure and has no timeout.
    /// </returns>
    public static StepPolicyParseResult Parse(JsonNode? policies, IReadOnlyList<string> stepNames, string path)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<ConversionError>();
        var entries = ReadEntries(policies, stepNames, path, errors);
        var plans = Resolve(stepNames, entries);
        foreach (var cycle in StepCycles.Find(plans))
        {
            errors.Add(CycleError(cycle, entries, path));
        }

        return new StepPolicyParseResult(plans, errors);
    }

    private static Dictionary<string, StepPolicyEntry> ReadEntries(
        JsonNode? policies, IReadOnlyList<string> stepNames, string path, List<ConversionError> errors)
    {
        var entries = new Dictionary<string, StepPolicyEntry>(StringComparer.Ordinal);
        if (policies is null)
        {
            return entries;
        }

        if (policies is not JsonArray list)
        {
            errors.Add(new(path, $"must be a JSON array of step policies such as [{{\"name\": \"test\", \"after\": [\"build\"]}}], not {JsonText.Describe(policies)}"));
            return entries;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var entryPath = JsonPath.Index(path, i);
            var entry = StepPolicyEntryReader.Read(list[i], i, entryPath, stepNames, errors);
            if (entry is null)
            {
                continue;
            }

            if (entries.TryGetValue(entry.Name, out var first))
            {
                errors.Add(new(
                    JsonPath.Property(entryPath, "name"),
                    $"step '{entry.Name}' already has a policy at {JsonPath.Index(path, first.Index)}; merge the two entries"));
                continue;
            }

            entries[entry.Name] = entry;
        }

        return entries;
    }

    private static StepPlan[] Resolve(IReadOnlyList<string> stepNames, Dictionary<string, StepPolicyEntry> entries)
    {
        var plans = new StepPlan[stepNames.Count];
        for (var i = 0; i < stepNames.Count; i++)
        {
            var name = stepNames[i];
            IReadOnlyList<string> previous = i == 0 ? [] : [stepNames[i - 1]];
            plans[i] = entries.TryGetValue(name, out var entry)
                ? new StepPlan(name, entry.After ?? previous, entry.OnError, entry.Timeout)
                : new StepPlan(name, previous, OnErrorPolicy.Stop, null);
        }

        return plans;
    }

    private static ConversionError CycleError(
        IReadOnlyList<string> cycle, Dictionary<string, StepPolicyEntry> entries, string path)
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
