using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Reads the step policies from a pod template's <c>kueueleuleu.io/steps</c> annotation.</summary>
internal static class StepAnnotationReader
{
    /// <summary>The path of the annotation inside a template at <paramref name="templatePath"/>.</summary>
    public static string PathOf(string templatePath) =>
        JsonPath.Key(JsonPath.Property(JsonPath.Property(templatePath, "metadata"), "annotations"), EntrypointProtocol.StepsAnnotation);

    /// <summary>
    /// Returns the parsed annotation, or <see langword="null"/> when there is none (or it is unusable, with an error).
    /// </summary>
    public static JsonNode? Read(JsonObject template, string templatePath, List<ConversionError> errors)
    {
        var metadataPath = JsonPath.Property(templatePath, "metadata");
        var annotationsPath = JsonPath.Property(metadataPath, "annotations");
        var metadata = template["metadata"];
        if (metadata is not null and not JsonObject)
        {
            errors.Add(new(metadataPath, $"must be an object, not {JsonRead.Describe(metadata)}"));
            return null;
        }

        var annotations = metadata?["annotations"];
        if (annotations is not null and not JsonObject)
        {
            errors.Add(new(annotationsPath, $"must be an object mapping names to strings, not {JsonRead.Describe(annotations)}"));
            return null;
        }

        var value = annotations?[EntrypointProtocol.StepsAnnotation];
        return value is null ? null : Parse(value, PathOf(templatePath), errors);
    }

    private static JsonNode? Parse(JsonNode value, string path, List<ConversionError> errors)
    {
        if (JsonRead.Text(value) is not { } text)
        {
            errors.Add(new(path, $"must be a string holding a JSON array (annotation values are strings; quote it in YAML), not {JsonRead.Describe(value)}"));
            return null;
        }

        try
        {
            var parsed = JsonNode.Parse(text);
            if (parsed is null)
            {
                errors.Add(new(path, "is the JSON null; write a JSON array of step policies such as [{\"name\": \"test\", \"after\": [\"build\"]}]"));
            }

            return parsed;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}"
                : string.Empty;
            errors.Add(new(path, $"is not valid JSON{where}; write a JSON array of step policies such as [{{\"name\": \"test\", \"after\": [\"build\"]}}]"));
            return null;
        }
    }
}
