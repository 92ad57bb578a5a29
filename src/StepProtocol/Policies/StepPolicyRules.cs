namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// The checks of one policy's values against the steps, shared by the JSON reader of the annotation and the typed
/// resolver of <c>spec.steps</c> so both report the same messages.
/// </summary>
internal static class StepPolicyRules
{
    /// <summary>Checks a written name; returns it when it names a step, else reports why at <paramref name="path"/>.</summary>
    public static string? Name(string name, string path, IReadOnlyList<string> stepNames, List<ConversionError> errors)
    {
        if (stepNames.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        errors.Add(new(path, $"'{name}' is not a step; steps are the containers: {Names(stepNames)}"));
        return null;
    }

    /// <summary>The error of an entry that is not an object (JSON <c>null</c> included).</summary>
    public static ConversionError NotAnObject(string path, string described, IReadOnlyList<string> stepNames) =>
        new(path, $"must be an object such as {{\"name\": \"{Example(stepNames)}\", \"after\": []}}, not {described}");

    /// <summary>The error of a missing name.</summary>
    public static ConversionError MissingName(string path, IReadOnlyList<string> stepNames) =>
        new(path, $"is required: set it to the name of the container the policy applies to ({Names(stepNames)})");

    /// <summary>The error of a dependency that is not a string (JSON <c>null</c> included).</summary>
    public static ConversionError DependencyNotString(string path, string described, IReadOnlyList<string> stepNames) =>
        new(path, $"must be a string naming a step ({Names(stepNames)}), not {described}");

    /// <summary>
    /// Checks one entry of <c>after</c> of step <paramref name="name"/>; returns it when usable, else reports why.
    /// </summary>
    public static string? Dependency(
        string dependency, string? name, string path, IReadOnlyList<string> stepNames, List<string> seen, List<ConversionError> errors)
    {
        string? problem = null;
        if (!stepNames.Contains(dependency, StringComparer.Ordinal))
        {
            problem = $"'{dependency}' is not a step; steps are the containers: {Names(stepNames)}";
        }
        else if (string.Equals(dependency, name, StringComparison.Ordinal))
        {
            problem = $"step '{name}' cannot wait for itself; remove it from after";
        }
        else if (seen.Contains(dependency, StringComparer.Ordinal))
        {
            problem = $"'{dependency}' is listed twice; remove the duplicate";
        }

        if (problem is null)
        {
            return dependency;
        }

        errors.Add(new(path, problem));
        return null;
    }

    /// <summary>Checks a written timeout; returns it when it is a positive Go duration, else reports why.</summary>
    public static GoDuration? Timeout(string text, string path, List<ConversionError> errors)
    {
        if (GoDurationParser.TryParsePositive(text, out var duration, out var problem))
        {
            return duration;
        }

        errors.Add(new(path, problem!));
        return null;
    }

    /// <summary>The most extra attempts a step may make.</summary>
    public const int MaxRetries = 100;

    /// <summary>Checks a written retry count; returns it when it is 0 to <see cref="MaxRetries"/>, else reports why.</summary>
    public static int? Retries(int retries, string path, List<ConversionError> errors)
    {
        if (retries is >= 0 and <= MaxRetries)
        {
            return retries;
        }

        errors.Add(RetriesOutOfRange(path, retries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }

    /// <summary>The error of a retry count that is not a whole number from 0 to <see cref="MaxRetries"/>.</summary>
    public static ConversionError RetriesOutOfRange(string path, string described) =>
        new(path, $"must be a whole number from 0 to {MaxRetries} (the extra attempts after a failed attempt), not {described}");

    /// <summary>
    /// Checks a written duration that must be longer than zero (a retry backoff, a debug timeout); returns it when
    /// valid, else reports why.
    /// </summary>
    public static GoDuration? PositiveDuration(string text, string path, string example, List<ConversionError> errors)
    {
        if (!GoDurationParser.TryParse(text, out var duration, out var problem))
        {
            errors.Add(new(path, problem!));
            return null;
        }

        if (duration.Nanoseconds > 0)
        {
            return duration;
        }

        errors.Add(new(path, $"'{text}' is not longer than zero; write a positive duration such as {example}"));
        return null;
    }

    /// <summary>The JSON text of a condition, as written in policies.</summary>
    public static string ConditionText(StepCondition condition) => condition switch
    {
        StepCondition.OnFailure => "OnFailure",
        StepCondition.Always => "Always",
        _ => "OnSuccess",
    };

    /// <summary>Reads the JSON text of a condition; <see langword="null"/> when it is not one (names are case-sensitive).</summary>
    public static StepCondition? Condition(string text) => text switch
    {
        "OnSuccess" => StepCondition.OnSuccess,
        "OnFailure" => StepCondition.OnFailure,
        "Always" => StepCondition.Always,
        _ => null,
    };

    /// <summary>What a <c>when</c> must be, for messages.</summary>
    public const string ConditionChoices =
        "\"OnSuccess\" (runs when its dependencies succeeded, the default), \"OnFailure\" (runs only when one of them failed) or \"Always\" (runs whatever their outcome)";

    /// <summary>Reads the JSON text of a debug policy; <see langword="null"/> when it is not one (names are case-sensitive).</summary>
    public static DebugPolicy? Debug(string text) => text switch
    {
        "Never" => DebugPolicy.Never,
        "OnFailure" => DebugPolicy.OnFailure,
        _ => null,
    };

    /// <summary>What a <c>debug</c> must be, for messages.</summary>
    public const string DebugChoices =
        "\"Never\" (the outcome is published at once) or \"OnFailure\" (a failed step's container is kept alive for kubectl exec until released)";

    /// <summary>
    /// Reports a retry backoff written without retries, which would never be waited. <paramref name="retriesGiven"/> is
    /// whether retries is written and not 0 (an invalid count is reported on its own, not twice).
    /// </summary>
    public static void BackoffNeedsRetries(bool retriesGiven, GoDuration? backoff, string entryPath, List<ConversionError> errors)
    {
        if (backoff is not null && !retriesGiven)
        {
            errors.Add(new(
                JsonPath.Property(entryPath, "retryBackoff"),
                "is set but retries is not (or is 0): the backoff is the wait between attempts; set retries or remove retryBackoff"));
        }
    }

    /// <summary>A step name for examples in messages.</summary>
    public static string Example(IReadOnlyList<string> stepNames) => stepNames.Count > 0 ? stepNames[0] : "build";

    /// <summary>The step names as listed in messages.</summary>
    public static string Names(IReadOnlyList<string> stepNames) => string.Join(", ", stepNames);
}
