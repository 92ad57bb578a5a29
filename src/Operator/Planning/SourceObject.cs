using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;
using Kueueleuleu.Entities.Validation;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>The parts of the SequentialJob the planner reads, decoded once.</summary>
/// <param name="Name">The SequentialJob's name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Uid">Its UID.</param>
/// <param name="Generation">Its <c>metadata.generation</c> (0 when absent).</param>
/// <param name="Deleting">Whether it has a <c>deletionTimestamp</c>.</param>
/// <param name="Spec">The typed spec, or <see langword="null"/> when it cannot be read (see <paramref name="SpecErrors"/>).</param>
/// <param name="SpecErrors">Why the spec cannot be read; empty when it can.</param>
/// <param name="RawSpec">The spec as written.</param>
/// <param name="RawStatus">The current status as stored, if any.</param>
/// <param name="OldStatus">The current status decoded, or <see langword="null"/> when absent or unreadable.</param>
/// <param name="Labels">Its labels, which its Job inherits (<see cref="InheritedMetadata"/>).</param>
/// <param name="Annotations">Its annotations, likewise.</param>
/// <param name="CachedSpec">
/// When the cache kept only the live fields of the spec (<see cref="CachedFields.TrimSequentialJob"/>): what it recorded
/// of the whole spec. <see cref="Spec"/> is then <see langword="null"/> and <see cref="SpecErrors"/> empty; planning that
/// needs the whole spec asks for the object from the server (<see cref="ReconcilePlan.FetchSequentialJob"/>).
/// </param>
internal sealed record SourceObject(
    string Name,
    string? Namespace,
    string? Uid,
    long Generation,
    bool Deleting,
    SequentialJobSpec? Spec,
    IReadOnlyList<FieldError> SpecErrors,
    JsonObject? RawSpec,
    JsonObject? RawStatus,
    SequentialJobStatus? OldStatus,
    JsonObject? Labels = null,
    JsonObject? Annotations = null,
    CachedSpec? CachedSpec = null)
{
    /// <summary>The deterministic name of its Job.</summary>
    public string JobName => JobNaming.JobName(Name);

    /// <summary>Whether the spec reads as a <see cref="SequentialJobSpec"/> (whole, or as the cache recorded it).</summary>
    public bool SpecReadable => Spec is not null || CachedSpec is not null;

    /// <summary><c>spec.suspend</c> as written (absent reads as false).</summary>
    public bool Suspend => Spec?.Suspend ?? JsonRead.Bool(RawSpec, "suspend") ?? false;

    /// <summary>The <see cref="SpecFingerprint"/> of the frozen part of the spec; <see langword="null"/> without a spec.</summary>
    public string? SpecHash() => CachedSpec is { } cached ? cached.Hash : RawSpec is { } spec ? SpecFingerprint.Of(spec) : null;

    /// <summary>Decodes a SequentialJob; never throws on bad content.</summary>
    public static SourceObject Read(JsonObject sequentialJob)
    {
        ArgumentNullException.ThrowIfNull(sequentialJob);
        var rawSpec = sequentialJob["spec"] as JsonObject;
        var rawStatus = sequentialJob["status"] as JsonObject;
        var cached = CachedSpec.Of(rawSpec);
        var (spec, errors) = cached is null ? ReadSpec(sequentialJob["spec"]) : (null, []);
        return new SourceObject(
            JsonRead.Text(sequentialJob, "metadata", "name") ?? string.Empty,
            JsonRead.Text(sequentialJob, "metadata", "namespace"),
            JsonRead.Text(sequentialJob, "metadata", "uid"),
            JsonRead.Whole(sequentialJob, "metadata", "generation") ?? 0,
            JsonRead.At(sequentialJob, "metadata", "deletionTimestamp") is not null,
            spec,
            errors,
            rawSpec,
            rawStatus,
            StatusCodec.Decode(rawStatus),
            JsonRead.At(sequentialJob, "metadata", "labels") as JsonObject,
            JsonRead.At(sequentialJob, "metadata", "annotations") as JsonObject,
            cached);
    }

    // Only the spec is decoded here: a status written by a newer operator (an unknown phase, say) must not make the
    // spec look invalid.
    /// <summary>Decodes a spec as the planner does; never throws on bad content.</summary>
    public static (SequentialJobSpec? Spec, IReadOnlyList<FieldError> Errors) ReadSpec(JsonNode? node)
    {
        if (node is not JsonObject)
        {
            return (null, [new FieldError("spec", "is missing or not an object; a SequentialJob needs spec.template")]);
        }

        try
        {
            var spec = node.Deserialize(SequentialJobJson.Spec);
            return spec is null ? (null, [new FieldError("spec", "is null")]) : (spec, []);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? "spec." + p[2..] : "spec";
            return (null, [new FieldError(path, "has the wrong type; see docs/sequentialjob.md for the expected shape")]);
        }
    }
}
