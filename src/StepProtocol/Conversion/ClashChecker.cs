using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Finds user objects that would collide with what the converter injects. Only called on original specs:
/// in a converted spec the same names are ours.
/// </summary>
internal static class ClashChecker
{
    /// <summary>Adds an error for every clash in <paramref name="view"/>.</summary>
    public static void Check(PodSpecView view, List<ConversionError> errors)
    {
        foreach (var container in view.InitContainers.Concat(view.Containers))
        {
            if (container.Name == EntrypointProtocol.InitContainerName)
            {
                errors.Add(new(
                    JsonPath.Property(container.Path, "name"),
                    $"'{EntrypointProtocol.InitContainerName}' is the name of the init container kueueleuleu injects; rename this container"));
            }
        }

        foreach (var volume in view.Volumes.Where(v => v.Name == EntrypointProtocol.VolumeName))
        {
            errors.Add(new(
                JsonPath.Property(volume.Path, "name"),
                $"'{EntrypointProtocol.VolumeName}' is the name of the volume kueueleuleu injects; rename this volume and its mounts"));
        }

        foreach (var container in view.Containers)
        {
            CheckMounts(container, errors);
        }
    }

    private static void CheckMounts(NamedItem container, List<ConversionError> errors)
    {
        if (container.Node["volumeMounts"] is not JsonArray mounts)
        {
            return;
        }

        var mountsPath = JsonPath.Property(container.Path, "volumeMounts");
        for (var i = 0; i < mounts.Count; i++)
        {
            if (mounts[i] is JsonObject mount && JsonRead.Text(mount["mountPath"]) is { } mountPath && IsOurs(mountPath))
            {
                errors.Add(new(
                    JsonPath.Property(JsonPath.Index(mountsPath, i), "mountPath"),
                    $"'{mountPath}' is at or below {EntrypointProtocol.MountPath}, where kueueleuleu mounts its entrypoint; mount this volume elsewhere"));
            }
        }
    }

    private static bool IsOurs(string mountPath)
    {
        var trimmed = mountPath.TrimEnd('/');
        return trimmed == EntrypointProtocol.MountPath
            || trimmed.StartsWith(EntrypointProtocol.MountPath + "/", StringComparison.Ordinal);
    }
}
