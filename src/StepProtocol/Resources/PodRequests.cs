using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// The effective requests of a pod spec: what the scheduler reserves on a node and ResourceQuota charges for it, so
/// that the converter and the operator can tell what a converted Pod costs before and after its reservation moves to
/// its busiest moment.
/// </summary>
/// <remarks>
/// Init containers run before the app containers, one at a time, so they need the largest of them, not their sum;
/// native sidecars (init containers with <c>restartPolicy: Always</c>) keep running from their start on, so every
/// later init container runs beside the sidecars started before it and the app containers run beside all of them.
/// The RuntimeClass overhead comes on top of whichever part is larger.
/// </remarks>
public static class PodRequests
{
    /// <summary>The effective request of each resource of a pod spec.</summary>
    /// <param name="podSpec">
    /// A Pod spec as JSON (<c>containers</c>, <c>initContainers</c>, <c>overhead</c>); missing, null or mistyped fields
    /// read as empty, and unreadable quantities as zero (validation elsewhere reports them).
    /// </param>
    /// <returns>
    /// Per resource name, in ordinal order: the larger of the init part (the largest of the init phases, each the
    /// init container's request plus the sidecars started before it, or for a sidecar the sidecars up to and including
    /// it) and the app part (every app container plus every sidecar), plus <c>spec.overhead</c>. Resources whose
    /// effective request is zero are left out.
    /// </returns>
    public static IReadOnlyDictionary<string, Quantity> Effective(JsonObject podSpec)
    {
        ArgumentNullException.ThrowIfNull(podSpec);
        var app = new ResourceList();
        foreach (var container in JsonRead.Objects(podSpec, "containers"))
        {
            app.Add(ContainerRequests.Of(container));
        }

        var sidecars = new ResourceList();
        var init = new ResourceList();
        foreach (var container in JsonRead.Objects(podSpec, "initContainers"))
        {
            var requests = ContainerRequests.Of(container);
            if (IsSidecar(container))
            {
                sidecars.Add(requests);
                init.RaiseTo(sidecars);
            }
            else
            {
                init.RaiseTo(requests.Plus(sidecars));
            }
        }

        app.Add(sidecars);
        var effective = app.MaxWith(init);
        effective.Add(ResourceList.Read(JsonRead.At(podSpec, "overhead")));
        return effective.NonZero();
    }

    private static bool IsSidecar(JsonObject container) =>
        string.Equals(JsonRead.Text(container, "restartPolicy"), "Always", StringComparison.Ordinal);
}
