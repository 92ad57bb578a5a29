using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Reads a pod spec into a <see cref="PodSpecView"/>, reporting every shape problem it meets.</summary>
internal static class PodSpecReader
{
    /// <summary>Reads the pod spec at <paramref name="path"/>; <see langword="null"/> when there is none to work on.</summary>
    public static PodSpecView? Read(JsonNode? node, string path, List<ConversionError> errors)
    {
        if (node is not JsonObject spec)
        {
            errors.Add(new(path, node is null
                ? "is missing: a pod template needs a spec with containers"
                : $"must be an object (a pod spec), not {JsonRead.Describe(node)}"));
            return null;
        }

        var before = errors.Count;
        var containers = ReadContainers(spec, path, errors);
        var initContainers = ReadList(spec, "initContainers", path, "an init container", errors);
        var volumes = ReadList(spec, "volumes", path, "a volume", errors);
        foreach (var container in containers)
        {
            CheckMountsShape(container, errors);
        }

        return new PodSpecView(spec, path, containers, initContainers, volumes, errors.Count == before);
    }

    private static List<NamedItem> ReadContainers(JsonObject spec, string path, List<ConversionError> errors)
    {
        var containersPath = JsonPath.Property(path, "containers");
        if (spec["containers"] is JsonArray { Count: 0 })
        {
            errors.Add(new(containersPath, "is empty: list the steps to run, in order, as containers"));
            return [];
        }

        if (spec["containers"] is null)
        {
            errors.Add(new(containersPath, "is missing: list the steps to run, in order, as containers"));
            return [];
        }

        var containers = ReadList(spec, "containers", path, "a container", errors);
        CheckUniqueNames(containers, errors);
        return containers;
    }

    /// <summary>Reads an optional list of named objects; unnamed items are reported and left out.</summary>
    private static List<NamedItem> ReadList(JsonObject spec, string key, string path, string what, List<ConversionError> errors)
    {
        var listPath = JsonPath.Property(path, key);
        var items = new List<NamedItem>();
        if (!spec.TryGetPropertyValue(key, out var node) || node is null)
        {
            return items;
        }

        if (node is not JsonArray array)
        {
            errors.Add(new(listPath, $"must be an array, not {JsonRead.Describe(node)}"));
            return items;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = JsonPath.Index(listPath, i);
            if (array[i] is not JsonObject item)
            {
                errors.Add(new(itemPath, $"must be an object ({what}), not {JsonRead.Describe(array[i])}"));
            }
            else if (JsonRead.Text(item["name"]) is not { Length: > 0 } name)
            {
                errors.Add(new(JsonPath.Property(itemPath, "name"), $"is required: give {what} a name"));
            }
            else
            {
                items.Add(new NamedItem(name, item, itemPath));
            }
        }

        return items;
    }

    private static void CheckUniqueNames(List<NamedItem> containers, List<ConversionError> errors)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            var first = containers.FindIndex(c => c.Name == containers[i].Name);
            if (first < i)
            {
                errors.Add(new(
                    JsonPath.Property(containers[i].Path, "name"),
                    $"'{containers[i].Name}' is also the name of {containers[first].Path}; step names must be unique: rename one"));
            }
        }
    }

    private static void CheckMountsShape(NamedItem container, List<ConversionError> errors)
    {
        if (container.Node.TryGetPropertyValue("volumeMounts", out var mounts) && mounts is not null and not JsonArray)
        {
            errors.Add(new(JsonPath.Property(container.Path, "volumeMounts"), $"must be an array, not {JsonRead.Describe(mounts)}"));
        }
    }
}
