using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Converter;
using Kueueleuleu.Converter.Protocol;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;
using Kueueleuleu.Entities.Validation;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Builds the Job a SequentialJob asks for: named by <see cref="JobNaming"/>, in the same namespace, labelled and owned so
/// that the operator finds it and deletion cascades, with the spec's JobSpec fields passed through unchanged (but
/// <c>ttlSecondsAfterFinished</c>, which the operator applies itself: <see cref="JobTtl"/>) and the pod template converted
/// so its containers run as steps.
/// </summary>
internal static class JobBuilder
{
    private const string StepsAnnotationPath = "spec.template.metadata.annotations[" + EntrypointProtocol.StepsAnnotation + "]";

    /// <summary>
    /// Validates the spec and builds the Job, or returns every error with the path of the field in the SequentialJob.
    /// </summary>
    public static (JsonObject? Job, IReadOnlyList<FieldError> Errors) Build(
        SourceObject source, SequentialJobSpec spec, ReconcileSettings settings)
    {
        var errors = SequentialJobValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var jobSpec = spec.ToJobSpec();
        // The operator applies the TTL itself once the outcome is stored (JobTtl): the Job controller's would not wait.
        jobSpec.Remove("ttlSecondsAfterFinished");
        var template = jobSpec["template"]!.AsObject();
        var writtenMetadata = template["metadata"]?.DeepClone();
        CarryPolicies(template, spec);
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(source, spec),
            ["spec"] = jobSpec,
        };
        var result = ManifestConverter.Convert(job, new ConversionOptions { EntrypointImage = settings.EntrypointImage });
        if (!result.Succeeded)
        {
            return (null, [.. result.Errors.Select(ToFieldError)]);
        }

        var converted = result.Document!.AsObject();
        RestoreTemplateMetadata(converted, writtenMetadata, source);
        return (converted, []);
    }

    /// <summary>The labels of the Job and its Pods.</summary>
    public static JsonObject Labels(SourceObject source) => new()
    {
        [SequentialJobLabels.SequentialJobName] = JobNaming.LabelValue(source.Name),
        [SequentialJobLabels.SequentialJobUid] = source.Uid,
        [SequentialJobLabels.ManagedBy] = SequentialJobLabels.ManagedByValue,
    };

    private static JsonObject Metadata(SourceObject source, SequentialJobSpec spec) => new()
    {
        ["name"] = source.JobName,
        ["namespace"] = source.Namespace,
        ["labels"] = Labels(source),
        ["annotations"] = new JsonObject
        {
            [SequentialJobLabels.SourceGeneration] = source.Generation.ToString(CultureInfo.InvariantCulture),
            [SpecFingerprint.Annotation] = source.SpecHash(),
            [ReconcilePlanner.SuspendAnnotation] = spec.Suspend == true ? "true" : "false",
        },
        ["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = SequentialJobApi.ApiVersion,
            ["kind"] = SequentialJobApi.Kind,
            ["name"] = source.Name,
            ["uid"] = source.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        }),
    };

    /// <summary>
    /// The converter reads step policies from the pod-template annotation only; the SequentialJob keeps them in
    /// <c>spec.steps</c>, so they are handed over through the annotation and taken away again after conversion.
    /// </summary>
    private static void CarryPolicies(JsonObject template, SequentialJobSpec spec)
    {
        if (spec.Steps is null)
        {
            return;
        }

        if (template["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            template["metadata"] = metadata;
        }

        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        annotations[EntrypointProtocol.StepsAnnotation] = JsonSerializer.Serialize(spec.Steps, SequentialJobJson.Steps);
    }

    /// <summary>
    /// Puts back the template metadata as written (the converter only rewrites the pod spec) and adds the labels the
    /// operator's Pod watch selects on; they replace user labels with the same keys, which would break that watch.
    /// </summary>
    private static void RestoreTemplateMetadata(JsonObject job, JsonNode? writtenMetadata, SourceObject source)
    {
        var template = job["spec"]!["template"]!.AsObject();
        var metadata = writtenMetadata as JsonObject ?? [];
        template["metadata"] = metadata;
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        foreach (var (key, value) in Labels(source))
        {
            labels[key] = value?.DeepClone();
        }
    }

    /// <summary>Policy errors point into the annotation they travelled in; report them where the user wrote them.</summary>
    private static FieldError ToFieldError(ConversionError error) =>
        error.Path.StartsWith(StepsAnnotationPath, StringComparison.Ordinal)
            ? new FieldError("spec.steps" + error.Path[StepsAnnotationPath.Length..], error.Message)
            : new FieldError(error.Path, error.Message);
}
