using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>Reads and checks one entry of a step-policy list.</summary>
internal static class StepPolicyEntryReader
{
    private static readonly string[] KnownFields = ["name", "after", "onError", "timeout", "retries", "retryBackoff", "when", "debug", "debugTimeout"];

    /// <summary>Reads the entry at <paramref name="path"/>; returns <see langword="null"/> when its name is unusable.</summary>
    public static StepPolicyEntry? Read(
        JsonNode? node, int index, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        if (node is not JsonObject entry)
        {
            errors.Add(StepPolicyRules.NotAnObject(path, Describe(node), stepNames));
            return null;
        }

        ReportUnknownFields(entry, path, errors);
        var name = ReadName(entry, path, stepNames, errors);
        var after = ReadAfter(entry, name, JsonPath.Property(path, "after"), stepNames, errors);
        var onError = ReadOnError(entry, JsonPath.Property(path, "onError"), errors);
        var timeout = ReadTimeout(entry, JsonPath.Property(path, "timeout"), errors);
        var retries = ReadRetries(entry, JsonPath.Property(path, "retries"), errors);
        var backoff = ReadDuration(entry, "retryBackoff", path, "1s", errors);
        var when = ReadChoice(entry, "when", path, StepPolicyRules.Condition, StepPolicyRules.ConditionChoices, errors);
        var debug = ReadChoice(entry, "debug", path, StepPolicyRules.Debug, StepPolicyRules.DebugChoices, errors);
        var debugTimeout = ReadDuration(entry, "debugTimeout", path, "30m", errors);
        StepPolicyRules.BackoffNeedsRetries(retries is > 0 || (entry["retries"] is not null && retries is null), backoff, path, errors);
        return name is null ? null : new StepPolicyEntry(index, name, after, onError, timeout, retries, backoff, when, debug, debugTimeout);
    }

    private static void ReportUnknownFields(JsonObject entry, string path, List<ConversionError> errors)
    {
        foreach (var (key, _) in entry)
        {
            if (!KnownFields.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new(
                    JsonPath.Property(path, key),
                    $"is not a step policy field; the fields are {string.Join(", ", KnownFields)} (names are case-sensitive)"));
            }
        }
    }

    private static string? ReadName(JsonObject entry, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        var namePath = JsonPath.Property(path, "name");
        if (!entry.TryGetPropertyValue("name", out var node) || node is null)
        {
            errors.Add(StepPolicyRules.MissingName(namePath, stepNames));
            return null;
        }

        if (!IsString(node, out var name))
        {
            errors.Add(new(namePath, $"must be a string naming a container ({Names(stepNames)}), not {Describe(node)}"));
            return null;
        }

        return StepPolicyRules.Name(name, namePath, stepNames, errors);
    }

    private static string[]? ReadAfter(
        JsonObject entry, string? name, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        if (!entry.TryGetPropertyValue("after", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonArray items)
        {
            errors.Add(new(path, $"must be an array of step names such as [\"{Example(stepNames)}\"] ([] to start at once), not {Describe(node)}"));
            return null;
        }

        var after = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var dependency = ReadDependency(items[i], name, JsonPath.Index(path, i), stepNames, after, errors);
            if (dependency is not null)
            {
                after.Add(dependency);
            }
        }

        return [.. after];
    }

    private static string? ReadDependency(
        JsonNode? node, string? name, string path, IReadOnlyList<string> stepNames, List<string> seen, List<ConversionError> errors)
    {
        if (IsString(node, out var dependency))
        {
            return StepPolicyRules.Dependency(dependency, name, path, stepNames, seen, errors);
        }

        errors.Add(StepPolicyRules.DependencyNotString(path, Describe(node), stepNames));
        return null;
    }

    private static OnErrorPolicy ReadOnError(JsonObject entry, string path, List<ConversionError> errors)
    {
        if (!entry.TryGetPropertyValue("onError", out var node) || node is null)
        {
            return OnErrorPolicy.Stop;
        }

        if (IsString(node, out var text))
        {
            switch (text)
            {
                case "stop":
                    return OnErrorPolicy.Stop;
                case "continue":
                    return OnErrorPolicy.Continue;
            }
        }

        errors.Add(new(path, $"must be \"stop\" (dependants are skipped, the default) or \"continue\" (dependants run anyway), not {Describe(node)}"));
        return OnErrorPolicy.Stop;
    }

    private static GoDuration? ReadTimeout(JsonObject entry, string path, List<ConversionError> errors)
    {
        if (!entry.TryGetPropertyValue("timeout", out var node) || node is null)
        {
            return null;
        }

        if (!IsString(node, out var text))
        {
            errors.Add(new(path, $"must be a string, not {Describe(node)}; {GoDurationParser.SyntaxHint}"));
            return null;
        }

        return StepPolicyRules.Timeout(text, path, errors);
    }

    private static int? ReadRetries(JsonObject entry, string path, List<ConversionError> errors)
    {
        if (!entry.TryGetPropertyValue("retries", out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var retries))
        {
            return StepPolicyRules.Retries(retries, path, errors);
        }

        errors.Add(StepPolicyRules.RetriesOutOfRange(path, Describe(node)));
        return null;
    }

    private static GoDuration? ReadDuration(JsonObject entry, string field, string entryPath, string example, List<ConversionError> errors)
    {
        var path = JsonPath.Property(entryPath, field);
        if (!entry.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (!IsString(node, out var text))
        {
            errors.Add(new(path, $"must be a string such as \"{example}\", not {Describe(node)}; {GoDurationParser.SyntaxHint}"));
            return null;
        }

        return StepPolicyRules.PositiveDuration(text, path, example, errors);
    }

    private static T? ReadChoice<T>(
        JsonObject entry, string field, string entryPath, Func<string, T?> parse, string choices, List<ConversionError> errors)
        where T : struct, Enum
    {
        if (!entry.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (IsString(node, out var text) && parse(text) is { } choice)
        {
            return choice;
        }

        errors.Add(new(JsonPath.Property(entryPath, field), $"must be {choices}, not {Describe(node)}"));
        return null;
    }

    private static bool IsString(JsonNode? node, out string text)
    {
        text = string.Empty;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        text = value.GetValue<string>();
        return true;
    }

    private static string Describe(JsonNode? node) => JsonRead.Describe(node);

    private static string Names(IReadOnlyList<string> stepNames) => StepPolicyRules.Names(stepNames);

    private static string Example(IReadOnlyList<string> stepNames) => StepPolicyRules.Example(stepNames);
}
