using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// Finds, in one manifest, the steps whose image must be looked up: the containers without <c>command</c> of the pod
/// templates the converter converts (a Pod, PodTemplate, Job, CronJob of <c>batch/v1</c> or <c>batch/v1beta1</c>, and
/// those kinds inside a <c>v1 List</c>). Init containers are not steps, and every other kind passes through the
/// converter unchanged, so neither is looked up. Paths are written as the converter writes them, so that the errors of
/// the lookup and of the conversion point at the same fields.
/// </summary>
internal static class StepImageCollector
{
    // Where each converted kind keeps its pod spec (the converter's own table is internal to it).
    private static readonly Dictionary<(string ApiVersion, string Kind), string[]> SpecPaths = new()
    {
        [("v1", "Pod")] = ["spec"],
        [("v1", "PodTemplate")] = ["template", "spec"],
        [("batch/v1", "Job")] = ["spec", "template", "spec"],
        [("batch/v1", "CronJob")] = ["spec", "jobTemplate", "spec", "template", "spec"],
        [("batch/v1beta1", "CronJob")] = ["spec", "jobTemplate", "spec", "template", "spec"],
    };

    /// <summary>The pod specs of <paramref name="manifest"/> that have steps without <c>command</c>.</summary>
    /// <param name="manifest">The manifest (or a List of them).</param>
    /// <returns>Each pod spec with such steps, in document order; empty when there is nothing to look up.</returns>
    public static IReadOnlyList<PodTemplateSteps> Collect(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var found = new List<PodTemplateSteps>();
        Collect(manifest, string.Empty, found);
        return found;
    }

    private static void Collect(JsonObject manifest, string path, List<PodTemplateSteps> found)
    {
        var apiVersion = JsonRead.Text(manifest, "apiVersion");
        var kind = JsonRead.Text(manifest, "kind");
        if (apiVersion == "v1" && kind == "List")
        {
            var items = manifest["items"] as JsonArray ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject item)
                {
                    Collect(item, Join(path, string.Create(CultureInfo.InvariantCulture, $"items[{i}]")), found);
                }
            }

            return;
        }

        if (apiVersion is null || kind is null || !SpecPaths.TryGetValue((apiVersion, kind), out var specPath)
            || JsonRead.At(manifest, specPath) is not JsonObject spec)
        {
            return;
        }

        var at = Join(path, string.Join('.', specPath));
        var steps = StepsWithoutCommand(spec, at);
        if (steps.Count > 0)
        {
            found.Add(new PodTemplateSteps(spec, at, steps));
        }
    }

    private static List<StepWithoutCommand> StepsWithoutCommand(JsonObject spec, string specPath)
    {
        var steps = new List<StepWithoutCommand>();
        if (spec["containers"] is not JsonArray containers)
        {
            return steps;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            // A command given as null is no command, for the API server and for the converter alike.
            if (containers[i] is JsonObject container && container["command"] is null)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{specPath}.containers[{i}]");
                steps.Add(new StepWithoutCommand(JsonRead.Text(container, "name") ?? string.Empty, path, JsonRead.Text(container, "image")));
            }
        }

        return steps;
    }

    private static string Join(string path, string next) => path.Length == 0 ? next : $"{path}.{next}";
}
