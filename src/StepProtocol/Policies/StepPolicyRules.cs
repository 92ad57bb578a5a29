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

    /// <summary>A step name for examples in messages.</summary>
    public static string Example(IReadOnlyList<string> stepNames) => stepNames.Count > 0 ? stepNames[0] : "build";

    /// <summary>The step names as listed in messages.</summary>
    public static string Names(IReadOnlyList<string> stepNames) => string.Join(", ", stepNames);
}
