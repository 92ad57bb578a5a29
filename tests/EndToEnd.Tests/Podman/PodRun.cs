using System.Text.Json.Nodes;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>A finished podman pod: the manifest it ran and what each step container did, in spec order.</summary>
public sealed record PodRun(JsonObject Pod, IReadOnlyList<ContainerRun> Containers)
{
    /// <summary>The step container of that name.</summary>
    public ContainerRun this[string name] => Containers.Single(c => c.Name == name);

    /// <summary>
    /// The Pod as a kubelet would report it: the manifest plus a status whose containerStatuses carry the real
    /// exit codes, times and termination messages of this run (the marker, for steps whose termination message podman did
    /// not keep), for the step-status reader.
    /// </summary>
    public JsonObject ToKubeletPod()
    {
        var pod = (JsonObject)Pod.DeepClone();
        var statuses = new JsonArray();
        foreach (var c in Containers)
        {
            var terminated = new JsonObject
            {
                ["exitCode"] = c.ExitCode,
                ["reason"] = c.ExitCode == 0 ? "Completed" : "Error",
                ["startedAt"] = c.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["finishedAt"] = c.FinishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            if (c.TerminationMessage is not null)
            {
                terminated["message"] = c.TerminationMessage;
            }
            else if (c.Marker is not null)
            {
                terminated["message"] = c.Marker.ToJsonString();
            }

            statuses.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["state"] = new JsonObject { ["terminated"] = terminated },
                ["ready"] = false,
                ["restartCount"] = 0,
                ["started"] = false,
            });
        }

        var failed = Containers.Any(c => c.ExitCode != 0);
        pod["status"] = new JsonObject
        {
            ["phase"] = failed ? "Failed" : "Succeeded",
            ["containerStatuses"] = statuses,
        };
        return pod;
    }
}
