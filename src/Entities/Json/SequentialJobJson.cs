using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Kueueleuleu.Entities.Json;

/// <summary>The serializer options for SequentialJobs: the field names and formats the CRD declares.</summary>
public static class SequentialJobJson
{
    /// <summary>
    /// Absent values are left out rather than written as <c>null</c> (the schema declares no nullable field), times
    /// are written in RFC 3339 UTC, and property names are matched exactly as the CRD spells them.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            // Unknown fields are kept by the [JsonExtensionData] members where the CRD keeps them, and ignored
            // elsewhere (such as a future status field written by a newer operator).
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new Rfc3339TimeConverter());
        options.MakeReadOnly();
        return options;
    }
}
