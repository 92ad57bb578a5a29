using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.ImageCommands;
using Kueueleuleu.StepProtocol.Reservation;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Validation;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Builds the Job a SequentialJob asks for: named by <see cref="JobNaming"/>, in the same namespace, with the
/// SequentialJob's labels and annotations (<see cref="InheritedMetadata"/>), labelled and owned so that the operator
/// finds it and deletion cascades, with the spec's JobSpec fields passed through unchanged (but
/// <c>ttlSecondsAfterFinished</c>, which the operator applies itself: <see cref="JobTtl"/>) and the pod template converted
/// so its containers run as steps.
/// </summary>
internal static class JobBuilder
{
    /// <summary>
    /// Validates the spec and builds the Job, or returns every error with the path of the field in the SequentialJob.
    /// <paramref name="limitRanges"/> are the LimitRanges of the namespace: their defaults count as requests, and where
    /// they would refuse the Peak reservation the Pod requests the sum instead (<see cref="ReservationChoice"/>).
    /// </summary>
    public static (JsonObject? Job, SequentialJobReservation? Reservation, IReadOnlyList<FieldError> Errors) Build(
        SourceObject source, SequentialJobSpec spec, ReconcileSettings settings, IReadOnlyList<JsonObject> limitRanges, IReadOnlyDictionary<string, ImageFacts>? images = null)
    {
        images ??= new Dictionary<string, ImageFacts>();
        var errors = SequentialJobValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var jobSpec = spec.ToJobSpec();
        // The operator applies the TTL itself once the outcome is stored (JobTtl): the Job controller's would not wait.
        jobSpec.Remove("ttlSecondsAfterFinished");
        var written = jobSpec["template"]!.AsObject();
        var peak = spec.RequestsPolicy != RequestsPolicy.AsWritten;
        var converted = Convert(written, spec, settings, limitRanges, images, peak ? RequestsMode.Peak : RequestsMode.AsWritten);
        if (!converted.Succeeded)
        {
            return (null, null, [.. converted.Errors.Select(e => new FieldError(e.Path, e.Message))]);
        }

        var template = converted.Document!.AsObject();
        var sum = peak ? Convert(written, spec, settings, limitRanges, images, RequestsMode.AsWritten).Document!.AsObject() : template;
        var choice = ReservationChoice.Choose(spec.RequestsPolicy ?? RequestsPolicy.Peak, written, template, sum, limitRanges);
        template = choice.Template;
        AddPodLabels(template, source);
        jobSpec["template"] = template;
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(source, spec),
            ["spec"] = jobSpec,
        };
        return (job, choice.Reservation, []);
    }

    private static ConversionResult Convert(JsonObject template, SequentialJobSpec spec, ReconcileSettings settings, IReadOnlyList<JsonObject> limitRanges, IReadOnlyDictionary<string, ImageFacts> images, RequestsMode mode)
    {
        // The policies go to the converter typed, so its errors already name spec.steps as the user wrote it.
        var result = StepTemplateConverter.Convert(
            template,
            "spec.template",
            StepPolicy.ToWritten(spec.Steps),
            "spec.steps",
            new ConversionOptions { EntrypointImage = settings.EntrypointImage, Requests = mode, DefaultRequests = LimitRangeRules.DefaultRequests(limitRanges), Images = images },
            StepPolicy.ToPolicy(spec.Debug));
        if (result.Document is JsonObject converted && converted["spec"] is JsonObject podSpec)
        {
            LimitRangeRules.FitInitContainer(podSpec, limitRanges);
        }

        return result;
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
        ["labels"] = InheritedMetadata.Merge(source.Labels, Labels(source)),
        ["annotations"] = InheritedMetadata.Merge(source.Annotations, new JsonObject
        {
            [SequentialJobLabels.SourceGeneration] = source.Generation.ToString(CultureInfo.InvariantCulture),
            [SpecFingerprint.Annotation] = source.SpecHash(),
            [ReconcilePlanner.SuspendAnnotation] = spec.Suspend == true ? "true" : "false",
        }),
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
    /// Adds the labels the operator's Pod watch selects on to the template (the converter leaves its metadata as
    /// written); they replace user labels with the same keys, which would break that watch.
    /// </summary>
    private static void AddPodLabels(JsonObject template, SourceObject source)
    {
        if (template["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            template["metadata"] = metadata;
        }

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
}
