using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Protocol;

/// <summary>
/// The readiness probe the converter gives a step held for debugging on failure: it asks the entrypoint whether the
/// step is held, so the kubelet reports the container <c>ready</c> exactly while it is, and the status reader (which
/// sees only the Pod) can say so. A container has one readiness probe, so a step's own one cannot stay.
/// </summary>
public static class DebugReadinessProbe
{
    /// <summary>The probe of step <paramref name="step"/>.</summary>
    /// <param name="step">The step name.</param>
    /// <returns>A new <c>readinessProbe</c> object.</returns>
    public static JsonObject For(string step) => new()
    {
        ["exec"] = new JsonObject
        {
            ["command"] = new JsonArray(EntrypointProtocol.EntrypointPath, EntrypointProtocol.HeldVerb, EntrypointProtocol.StepFlag + step),
        },
        // Probed often and believed at once: the hold is usually short, and a held step is what a person waits to enter.
        ["periodSeconds"] = 2,
        ["successThreshold"] = 1,
        ["failureThreshold"] = 1,
        ["timeoutSeconds"] = 1,
    };

    /// <summary>The error of a step held for debugging whose container already has a readiness probe.</summary>
    /// <param name="step">The step name.</param>
    /// <returns>What is wrong and how to fix it.</returns>
    public static string ConflictMessage(string step) =>
        $"step '{step}' is held for debugging when it fails (debug: OnFailure), which kueueleuleu reports through a " +
        "readiness probe of its own and a container has only one; remove this readinessProbe (a step has no Service to be " +
        "ready for), or set debug: Never on the step";
}
