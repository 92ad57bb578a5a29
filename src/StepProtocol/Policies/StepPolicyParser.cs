using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// Parses a list of step policies (<c>[{"name": "test", "after": ["build"], "onError": "continue", "timeout": "10m",
/// "retries": 2, "retryBackoff": "5s", "when": "Always", "debug": "OnFailure", "debugTimeout": "30m"}]</c>)
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
    /// <param name="defaultDebug">
    /// The whole run's debug policy (the pod-template annotation <c>kueueleuleu.io/debug</c>), for steps that do not set their own.
    /// </param>
    /// <returns>
    /// One plan per step in <paramref name="stepNames"/> order. A step without a policy waits for the previous
    /// step (the first waits for none), stops dependants on failure, has no timeout and no retries, runs when its
    /// dependencies succeeded and is held for debugging when <paramref name="defaultDebug"/> says so.
    /// </returns>
    public static StepPolicyParseResult Parse(
        JsonNode? policies, IReadOnlyList<string> stepNames, string path, DebugPolicy defaultDebug = DebugPolicy.Never)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<ConversionError>();
        var collector = new StepPolicyCollector(path, defaultDebug);
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
