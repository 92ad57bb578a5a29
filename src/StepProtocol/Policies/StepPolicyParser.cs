using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// Parses a list of step policies (<c>[{"name": "test", "after": ["build"], "onError": "continue", "timeout": "10m"}]</c>)
/// into one resolved plan per step. The pod-template annotation <c>kueueleuleu.io/steps</c> and the SequentialJob's
/// <c>spec.steps</c> share its checks (<see cref="StepPolicyResolver"/> takes the typed form), so both accept the same
/// language and report the same errors.
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
        var collector = new StepPolicyCollector(path);
        if (policies is null)
        {
            return collector.Finish(stepNames, errors);
        }

        if (policies is not JsonArray list)
        {
            errors.Add(new(path, $"must be a JSON array of step policies such as [{{\"name\": \"test\", \"after\": [\"build\"]}}], not {JsonRead.Describe(policies)}"));
            return collector.Finish(stepNames, errors);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var entryPath = JsonPath.Index(path, i);
            if (StepPolicyEntryReader.Read(list[i], i, entryPath, stepNames, errors) is { } entry)
            {
                collector.Add(entry, entryPath, errors);
            }
        }

        return collector.Finish(stepNames, errors);
    }
}
