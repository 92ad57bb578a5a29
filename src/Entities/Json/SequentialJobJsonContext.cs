using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities.Json;

/// <summary>
/// Serialization metadata for the entity types, generated at compile time so that the operator needs no reflection
/// (it is published ahead of time, where reflection-based serialization is unavailable). The options are the ones
/// <see cref="SequentialJobJson"/> documents.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(SequentialJob))]
[JsonSerializable(typeof(SequentialJobSpec))]
[JsonSerializable(typeof(SequentialJobStatus))]
internal sealed partial class SequentialJobJsonContext : JsonSerializerContext;
