using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Conversion;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Kinds;

/// <summary>Dispatches a manifest (or a List item) to the pod template it holds, converting in place.</summary>
internal static class DocumentConverter
{
    /// <summary>Converts <paramref name="node"/> in place; kinds without a pod template are left alone.</summary>
    public static void Convert(JsonNode node, string path, ConversionOptions options, List<ConversionError> errors)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        var apiVersion = JsonRead.Text(obj["apiVersion"]);
        var kind = JsonRead.Text(obj["kind"]);
        if (KindTable.IsList(apiVersion, kind))
        {
            ConvertItems(obj, path, options, errors);
            return;
        }

        if (KindTable.TemplatePath(apiVersion, kind) is not { } templatePath)
        {
            return;
        }

        if (FindTemplate(obj, path, templatePath, $"{apiVersion} {kind}", errors) is { } found)
        {
            // Raw manifests carry their step policies in the template's annotation.
            var policies = StepPolicySource.Annotation(found.Template, found.Path);
            PodTemplateConverter.Convert(found.Template, found.Path, policies, options, errors);
        }
    }

    private static void ConvertItems(JsonObject list, string path, ConversionOptions options, List<ConversionError> errors)
    {
        var items = list["items"];
        if (items is null)
        {
            return;
        }

        if (items is not JsonArray array)
        {
            errors.Add(new(JsonPath.Property(path, "items"), $"must be an array of objects, not {JsonRead.Describe(items)}"));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is { } item)
            {
                Convert(item, JsonPath.Index(JsonPath.Property(path, "items"), i), options, errors);
            }
        }
    }

    private static (JsonObject Template, string Path)? FindTemplate(
        JsonObject root, string path, IReadOnlyList<string> steps, string kind, List<ConversionError> errors)
    {
        var current = root;
        var at = path;
        foreach (var step in steps)
        {
            at = JsonPath.Property(at, step);
            if (current[step] is not JsonObject next)
            {
                var where = string.Join(".", steps.Append("spec"));
                errors.Add(new(at, current[step] is null
                    ? $"is missing: a {kind} needs its pod template at {where}"
                    : $"must be an object, not {JsonRead.Describe(current[step])}; a {kind} keeps its pod template at {where}"));
                return null;
            }

            current = next;
        }

        return (current, at);
    }
}
