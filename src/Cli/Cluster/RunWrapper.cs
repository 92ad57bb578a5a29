using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;
using Kueueleuleu.Entities.Validation;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>An error in a manifest given to <c>run</c>: the field path in the input document and the message.</summary>
/// <param name="Path">The field in the input document (empty for the whole document).</param>
/// <param name="Message">What is wrong.</param>
internal sealed record WrapError(string Path, string Message);

/// <summary>The SequentialJob made from a manifest, or the errors that prevent it.</summary>
/// <param name="SequentialJob">The SequentialJob object; null when there are errors.</param>
/// <param name="Errors">Every error, with paths in the input document.</param>
internal sealed record WrapResult(JsonObject? SequentialJob, IReadOnlyList<WrapError> Errors)
{
    /// <summary>True when the SequentialJob was made.</summary>
    public bool Succeeded => Errors.Count == 0 && SequentialJob is not null;
}

/// <summary>
/// The pure core of <c>run</c>: wraps a plain Pod or Job into a SequentialJob. A Pod's spec becomes
/// <c>spec.template.spec</c> and its labels and annotations the template's (with <c>backoffLimit: 0</c>: a Pod runs
/// once); a Job's spec becomes the SequentialJob's spec and its labels and annotations the SequentialJob's. The
/// template annotation <c>kueueleuleu.io/steps</c> becomes <c>spec.steps</c>. The result is checked with
/// <see cref="SequentialJobValidator"/>; its errors are reported at the corresponding field of the input.
/// </summary>
internal static class RunWrapper
{
    private const string StepsAnnotationPath = "metadata.annotations[" + EntrypointProtocol.StepsAnnotation + "]";

    /// <summary>Wraps <paramref name="document"/>; <paramref name="name"/> (from <c>--name</c>) replaces its name.</summary>
    public static WrapResult Wrap(JsonObject document, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<WrapError>();
        var apiVersion = JsonRead.Text(document["apiVersion"]);
        var kind = JsonRead.Text(document["kind"]);
        var shape = (apiVersion, kind) switch
        {
            ("v1", "Pod") => Shape.Pod,
            ("batch/v1", "Job") => Shape.Job,
            _ => (Shape?)null,
        };
        if (shape is null)
        {
            errors.Add(new("kind", $"is {apiVersion ?? "<no apiVersion>"} {kind ?? "<no kind>"}; run wraps a v1 Pod or a batch/v1 Job (use 'kueueleuleu convert' for other kinds)"));
            return new WrapResult(null, errors);
        }

        if (document["metadata"] is not (null or JsonObject))
        {
            errors.Add(new("metadata", "must be an object"));
            return new WrapResult(null, errors);
        }

        var metadata = document["metadata"] as JsonObject ?? [];
        var specPath = shape == Shape.Pod ? "spec" : "spec.template.spec";
        var template = shape == Shape.Pod ? PodTemplate(document, metadata, errors) : JobTemplate(document, errors);
        if (template is null)
        {
            return new WrapResult(null, errors);
        }

        var spec = shape == Shape.Pod ? new JsonObject { ["backoffLimit"] = 0 } : (JsonObject)document["spec"]!.DeepClone();
        spec["template"] = template;
        CheckNotConverted(template, specPath, errors);
        MoveStepsAnnotation(template, spec, shape.Value, errors);
        MoveDebugAnnotation(template, spec, shape.Value, errors);
        var sequentialJob = new JsonObject
        {
            ["apiVersion"] = SequentialJobApi.ApiVersion,
            ["kind"] = SequentialJobApi.Kind,
            ["metadata"] = SequentialJobMetadata(metadata, shape.Value, name, errors),
            ["spec"] = spec,
        };
        if (errors.Count == 0)
        {
            Validate(spec, shape.Value, errors);
        }

        return errors.Count == 0 ? new WrapResult(sequentialJob, errors) : new WrapResult(null, errors);
    }

    private static JsonObject? PodTemplate(JsonObject pod, JsonObject metadata, List<WrapError> errors)
    {
        if (pod["spec"] is not JsonObject podSpec)
        {
            errors.Add(new("spec", "is missing or not an object; a Pod needs spec.containers"));
            return null;
        }

        var templateMetadata = new JsonObject();
        foreach (var field in (string[])["labels", "annotations"])
        {
            if (metadata[field] is { } value)
            {
                templateMetadata[field] = value.DeepClone();
            }
        }

        var template = new JsonObject();
        if (templateMetadata.Count > 0)
        {
            template["metadata"] = templateMetadata;
        }

        template["spec"] = podSpec.DeepClone();
        return template;
    }

    private static JsonObject? JobTemplate(JsonObject job, List<WrapError> errors)
    {
        if (job["spec"] is not JsonObject jobSpec)
        {
            errors.Add(new("spec", "is missing or not an object; a Job needs spec.template"));
            return null;
        }

        if (jobSpec["template"] is not JsonObject template)
        {
            errors.Add(new("spec.template", "is missing or not an object; a Job needs a pod template"));
            return null;
        }

        return (JsonObject)template.DeepClone();
    }

    private static void CheckNotConverted(JsonObject template, string specPath, List<WrapError> errors)
    {
        if (template["spec"] is JsonObject podSpec && podSpec["initContainers"] is JsonArray inits
            && inits.Any(c => JsonRead.Text(c?["name"]) == EntrypointProtocol.InitContainerName))
        {
            errors.Add(new($"{specPath}.initContainers", $"has the {EntrypointProtocol.InitContainerName} init container: this manifest was already converted; pass the original (the operator injects the entrypoint itself)"));
        }
    }

    /// <summary>The template's <c>kueueleuleu.io/debug</c> annotation (the run's debug default) becomes <c>spec.debug</c>.</summary>
    private static void MoveDebugAnnotation(JsonObject template, JsonObject spec, Shape shape, List<WrapError> errors)
    {
        var path = DebugAnnotationPath(shape);
        if (template["metadata"] is not JsonObject templateMetadata || templateMetadata["annotations"] is not JsonObject annotations
            || !annotations.TryGetPropertyValue(EntrypointProtocol.DebugAnnotation, out var value))
        {
            return;
        }

        annotations.Remove(EntrypointProtocol.DebugAnnotation);
        if (annotations.Count == 0)
        {
            templateMetadata.Remove("annotations");
        }

        if (spec["debug"] is not null)
        {
            errors.Add(new(path, "conflicts with spec.debug; keep the debug default in one place"));
        }
        else if (JsonRead.Text(value) is "Never" or "OnFailure")
        {
            spec["debug"] = JsonRead.Text(value);
        }
        else
        {
            errors.Add(new(path, "must be Never or OnFailure"));
        }
    }

    private static string DebugAnnotationPath(Shape shape) =>
        (shape == Shape.Pod ? string.Empty : "spec.template.") + "metadata.annotations[" + EntrypointProtocol.DebugAnnotation + "]";

    private static void MoveStepsAnnotation(JsonObject template, JsonObject spec, Shape shape, List<WrapError> errors)
    {
        var path = shape == Shape.Pod ? StepsAnnotationPath : "spec.template." + StepsAnnotationPath;
        if (template["metadata"] is not JsonObject templateMetadata || templateMetadata["annotations"] is not JsonObject annotations
            || !annotations.TryGetPropertyValue(EntrypointProtocol.StepsAnnotation, out var value))
        {
            return;
        }

        annotations.Remove(EntrypointProtocol.StepsAnnotation);
        if (annotations.Count == 0)
        {
            templateMetadata.Remove("annotations");
        }

        if (spec["steps"] is not null)
        {
            errors.Add(new(path, "conflicts with spec.steps; keep the policies in one place"));
            return;
        }

        if (JsonRead.Text(value) is not { } json)
        {
            errors.Add(new(path, "must be a string holding a JSON array of step policies (quote it in YAML)"));
            return;
        }

        try
        {
            var policies = JsonNode.Parse(json);
            if (policies is not JsonArray)
            {
                errors.Add(new(path, "must be a JSON array of step policies such as [{\"name\": \"test\", \"after\": [\"build\"]}]"));
                return;
            }

            spec["steps"] = policies;
        }
        catch (JsonException e)
        {
            errors.Add(new(path, $"is not valid JSON ({e.Message.ReplaceLineEndings(" ")})"));
        }
    }

    private static JsonObject SequentialJobMetadata(JsonObject source, Shape shape, string? name, List<WrapError> errors)
    {
        var metadata = new JsonObject();
        var sourceName = JsonRead.Text(source["name"]);
        var generateName = JsonRead.Text(source["generateName"]);
        if (name is { Length: > 0 })
        {
            metadata["name"] = name;
        }
        else if (sourceName is { Length: > 0 })
        {
            metadata["name"] = sourceName;
        }
        else if (generateName is { Length: > 0 })
        {
            metadata["generateName"] = generateName;
        }
        else
        {
            errors.Add(new("metadata.name", "is missing; name the object or pass --name NAME"));
        }

        if (JsonRead.Text(source["namespace"]) is { Length: > 0 } ns)
        {
            metadata["namespace"] = ns;
        }

        if (shape == Shape.Job)
        {
            foreach (var field in (string[])["labels", "annotations"])
            {
                if (source[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
            }
        }

        return metadata;
    }

    private static void Validate(JsonObject spec, Shape shape, List<WrapError> errors)
    {
        SequentialJobSpec typed;
        try
        {
            typed = spec.Deserialize(SequentialJobJson.Spec)
                ?? throw new JsonException("the spec is null");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? "spec." + p[2..] : "spec";
            errors.Add(new(InputPath(path, shape), $"has the wrong type ({FirstSentence(e.Message)})"));
            return;
        }

        errors.AddRange(SequentialJobValidator.Validate(typed).Select(e => new WrapError(InputPath(e.Path, shape), e.Message)));
    }

    /// <summary>Maps a path in the SequentialJob to the field of the input document it came from.</summary>
    internal static string InputPath(string path, Shape shape)
    {
        if (Replace(path, "spec.steps", shape == Shape.Pod ? StepsAnnotationPath : "spec.template." + StepsAnnotationPath) is { } steps)
        {
            return steps;
        }

        if (path == "spec.debug")
        {
            return DebugAnnotationPath(shape);
        }

        if (shape == Shape.Job)
        {
            return path;
        }

        return Replace(path, "spec.template.spec", "spec")
            ?? Replace(path, "spec.template.metadata", "metadata")
            ?? path;
    }

    private static string? Replace(string path, string prefix, string replacement)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[prefix.Length..];
        return rest.Length == 0 || rest[0] is '.' or '[' ? replacement + rest : null;
    }

    private static string FirstSentence(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? line[..cut] : line).TrimEnd('.', ' ');
    }

    /// <summary>The kinds <c>run</c> wraps.</summary>
    internal enum Shape
    {
        /// <summary>A v1 Pod.</summary>
        Pod,

        /// <summary>A batch/v1 Job.</summary>
        Job,
    }
}
