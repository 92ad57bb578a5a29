using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Tells an original pod spec from an already (or partly) converted one.</summary>
internal static class SpecStateDetector
{
    /// <summary>Detects the state; for <see cref="SpecState.Partial"/> adds an error saying what is missing.</summary>
    public static SpecState Detect(PodSpecView view, List<ConversionError> errors)
    {
        var hasInit = view.InitContainers.Any(IsOurInitContainer);
        var hasVolume = view.Volumes.Any(IsOurVolume);
        var touched = view.Containers.Where(c => StepArguments.IsWrapped(c.Node) || HasOurMount(c.Node)).ToList();
        if (!hasInit && touched.Count == 0)
        {
            return SpecState.Original;
        }

        var missing = Missing(view, hasInit, hasVolume);
        if (missing.Count == 0)
        {
            return SpecState.Converted;
        }

        errors.Add(new(
            view.Path,
            $"is partly converted by kueueleuleu ({string.Join("; ", missing)}); convert the original manifest rather than an edited output"));
        return SpecState.Partial;
    }

    /// <summary>Whether an init container is ours: our name and our copy command (any image).</summary>
    public static bool IsOurInitContainer(NamedItem init) =>
        init.Name == EntrypointProtocol.InitContainerName && JsonRead.IsTexts(init.Node["command"], EntrypointProtocol.CopyCommand);

    private static bool IsOurVolume(NamedItem volume) =>
        volume.Name == EntrypointProtocol.VolumeName && volume.Node["emptyDir"] is JsonObject;

    private static bool HasOurMount(JsonObject container) =>
        container["volumeMounts"] is JsonArray mounts
        && mounts.Any(m => m is JsonObject mount
            && JsonRead.Text(mount["name"]) == EntrypointProtocol.VolumeName
            && JsonRead.Text(mount["mountPath"]) == EntrypointProtocol.MountPath);

    private static List<string> Missing(PodSpecView view, bool hasInit, bool hasVolume)
    {
        var missing = new List<string>();
        if (!hasInit)
        {
            missing.Add($"the init container {EntrypointProtocol.InitContainerName} is missing");
        }

        if (!hasVolume)
        {
            missing.Add($"the emptyDir volume {EntrypointProtocol.VolumeName} is missing");
        }

        foreach (var container in view.Containers)
        {
            if (!StepArguments.IsWrapped(container.Node))
            {
                missing.Add($"{container.Path} ({container.Name}) is not wrapped by the entrypoint");
            }
            else if (!HasOurMount(container.Node))
            {
                missing.Add($"{container.Path} ({container.Name}) does not mount {EntrypointProtocol.VolumeName} at {EntrypointProtocol.MountPath}");
            }
        }

        return missing;
    }
}
