using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities.Validation;

/// <summary>
/// Checks a SequentialJob spec for what its CRD schema cannot check on every server: the CEL rules (which servers
/// before 1.25 drop), cycles between steps, durations of zero, policies that contradict each other (a debugTimeout
/// without debug, when: OnFailure with nothing to wait for, a readinessProbe on a step held for debugging), and spec
/// fields the operator cannot honour. Pure: the
/// operator runs it before creating a Job and reports the errors in the status.
/// </summary>
public static partial class SequentialJobValidator
{
    /// <summary>JobSpec fields refused because the operator chooses the Job's Pods itself.</summary>
    private static readonly string[] RefusedJobFields = ["selector", "manualSelector"];

    /// <summary>Checks <paramref name="spec"/>.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="path">The path of the spec in error messages.</param>
    /// <returns>Every error found; empty when the spec can run.</returns>
    public static IReadOnlyList<FieldError> Validate(SequentialJobSpec spec, string path = "spec")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<FieldError>();
        CheckSingleRun(spec, path, errors);
        CheckRefusedFields(spec, path, errors);
        var templatePath = $"{path}.template";
        CheckStepsAnnotation(spec.Template, templatePath, errors);
        var names = CheckContainers(spec.Template.Spec, $"{templatePath}.spec", errors);
        if (names is not null)
        {
            CheckSteps(spec, names, $"{path}.steps", $"{templatePath}.spec.containers", errors);
        }

        return errors;
    }

    private static void CheckSingleRun(SequentialJobSpec spec, string path, List<FieldError> errors)
    {
        const string Why = "the steps run one after the other in one Pod; remove the field or set it to 1";
        if (spec.Parallelism is { } parallelism && parallelism != 1)
        {
            errors.Add(new($"{path}.parallelism", Invariant($"is {parallelism}, but {Why}")));
        }

        if (spec.Completions is { } completions && completions != 1)
        {
            errors.Add(new($"{path}.completions", Invariant($"is {completions}, but {Why}")));
        }

        if (spec.CompletionMode is { } mode && mode != "NonIndexed")
        {
            errors.Add(new($"{path}.completionMode", $"is '{mode}', but a SequentialJob has one completion; remove the field or set it to NonIndexed"));
        }

        if (spec.Template.Spec.RestartPolicy is { } policy && policy is not ("Never" or "OnFailure"))
        {
            errors.Add(new($"{path}.template.spec.restartPolicy", $"is '{policy}', but a Job's Pod must be Never (the default) or OnFailure"));
        }
    }

    private static void CheckRefusedFields(SequentialJobSpec spec, string path, List<FieldError> errors)
    {
        foreach (var field in RefusedJobFields.Where(f => spec.AdditionalFields?.ContainsKey(f) == true))
        {
            errors.Add(new($"{path}.{field}", "is not supported: the operator labels and selects the Pods of the Job it creates; remove the field"));
        }
    }

    private static void CheckStepsAnnotation(StepPodTemplate template, string path, List<FieldError> errors)
    {
        // Two sources of policies would silently disagree; the resource has one place for them.
        if (template.AdditionalFields?.GetValueOrDefault("metadata") is not { ValueKind: JsonValueKind.Object } metadata
            || !metadata.TryGetProperty("annotations", out var annotations)
            || annotations.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (annotations.TryGetProperty(EntrypointProtocol.StepsAnnotation, out _))
        {
            errors.Add(new(
                $"{path}.metadata.annotations[{EntrypointProtocol.StepsAnnotation}]",
                "a SequentialJob takes its step policies from spec.steps; move them there and remove the annotation"));
        }

        if (annotations.TryGetProperty(EntrypointProtocol.DebugAnnotation, out _))
        {
            errors.Add(new(
                $"{path}.metadata.annotations[{EntrypointProtocol.DebugAnnotation}]",
                "a SequentialJob takes its debug default from spec.debug (and each step's from spec.steps[].debug); move it there and remove the annotation"));
        }
    }

    private static List<string>? CheckContainers(StepPodSpec podSpec, string path, List<FieldError> errors)
    {
        var containersPath = $"{path}.containers";
        if (podSpec.Containers.Count == 0)
        {
            errors.Add(new(containersPath, "is empty; add one container per step"));
            return null;
        }

        if (podSpec.Containers.Count > StepPodSpec.MaxContainers)
        {
            errors.Add(new(containersPath, Invariant($"has {podSpec.Containers.Count} containers; a SequentialJob has at most {StepPodSpec.MaxContainers} steps")));
        }

        var names = new List<string>();
        var valid = true;
        for (var i = 0; i < podSpec.Containers.Count; i++)
        {
            var name = podSpec.Containers[i].Name;
            var namePath = Invariant($"{containersPath}[{i}].name");
            var problem = NameProblem(name, names);
            if (problem is not null)
            {
                errors.Add(new(namePath, problem));
                valid = false;
            }

            names.Add(name);
        }

        // Step policies name containers: with unusable or ambiguous names they cannot be checked meaningfully.
        return valid ? names : null;
    }

    private static string? NameProblem(string name, List<string> seen)
    {
        if (name.Length == 0)
        {
            return "is required: it is also the step name";
        }

        if (name.Length > SchemaPatterns.DnsLabelMaxLength || !DnsLabel().IsMatch(name))
        {
            return $"'{name}' is not a valid container name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";
        }

        var first = seen.IndexOf(name);
        return first >= 0 ? Invariant($"'{name}' is also the name of containers[{first}]; step names must be unique") : null;
    }

    private static void CheckSteps(SequentialJobSpec spec, List<string> names, string path, string containersPath, List<FieldError> errors)
    {
        // The converter's resolver is the one definition of the policy language.
        var result = StepPolicyResolver.Resolve(StepPolicy.ToWritten(spec.Steps), names, path, StepPolicy.ToPolicy(spec.Debug));
        errors.AddRange(result.Errors.Select(e => new FieldError(e.Path, e.Message)));
        for (var i = 0; i < result.Steps.Count; i++)
        {
            // The converter refuses the same; found here, it is reported before a Job is attempted.
            if (result.Steps[i].Debug == DebugPolicy.OnFailure
                && spec.Template.Spec.Containers[i].AdditionalFields?.ContainsKey("readinessProbe") == true)
            {
                errors.Add(new(Invariant($"{containersPath}[{i}].readinessProbe"), DebugReadinessProbe.ConflictMessage(names[i])));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(SchemaPatterns.DnsLabel, RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
