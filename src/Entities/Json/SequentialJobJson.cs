using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kueueleuleu.Entities.Json;

/// <summary>The serializer settings for SequentialJobs: the field names and formats the CRD declares.</summary>
/// <remarks>
/// Absent values are left out rather than written as <c>null</c> (the schema declares no nullable field), times are
/// written in RFC 3339 UTC, and property names are matched exactly as the CRD spells them. Unknown fields are kept by
/// the <c>[JsonExtensionData]</c> members where the CRD keeps them, and ignored elsewhere (such as a future status
/// field written by a newer operator). The metadata is generated at compile time (<see cref="SequentialJobJsonContext"/>).
/// </remarks>
public static class SequentialJobJson
{
    /// <summary>The options, for APIs that take options; their resolver knows only the entity types.</summary>
    public static JsonSerializerOptions Options => SequentialJobJsonContext.Default.Options;

    /// <summary>A whole SequentialJob.</summary>
    public static JsonTypeInfo<SequentialJob> SequentialJob => SequentialJobJsonContext.Default.SequentialJob;

    /// <summary>A SequentialJob's spec.</summary>
    public static JsonTypeInfo<SequentialJobSpec> Spec => SequentialJobJsonContext.Default.SequentialJobSpec;

    /// <summary>A SequentialJob's status.</summary>
    public static JsonTypeInfo<SequentialJobStatus> Status => SequentialJobJsonContext.Default.SequentialJobStatus;
}
