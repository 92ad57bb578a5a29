using System.Text.Json.Nodes;
using Kueueleuleu.Objects;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>
/// Derives a Pod's <see cref="QosClass"/> the way the kubelet does: from CPU and memory only, over init containers and
/// containers alike; a missing request counts as its limit (the API server defaults it so), zero values count as unset.
/// </summary>
public static class QosClassifier
{
    private static readonly string[] Compute = ["cpu", "memory"];

    /// <summary>The class of a pod spec (its <c>initContainers</c> and <c>containers</c>).</summary>
    /// <param name="podSpec">The pod spec.</param>
    /// <returns>Its QoS class.</returns>
    public static QosClass Of(JsonObject podSpec)
    {
        ArgumentNullException.ThrowIfNull(podSpec);
        var containers = JsonRead.Objects(podSpec, "initContainers").Concat(JsonRead.Objects(podSpec, "containers")).ToList();
        var anySet = false;
        var allGuaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            foreach (var resource in Compute)
            {
                var limit = Read(container, "limits", resource);
                var request = Read(container, "requests", resource) ?? limit;
                anySet |= limit is not null || request is not null;
                allGuaranteed &= limit is { } l && request is { } r && l == r;
            }
        }

        return allGuaranteed ? QosClass.Guaranteed : anySet ? QosClass.Burstable : QosClass.BestEffort;
    }

    private static Quantity? Read(JsonObject container, string kind, string resource) =>
        Quantity.TryParse(QuantityNode.Of(JsonRead.At(container, "resources", kind, resource)), out var quantity) && !quantity.IsZero ? quantity : null;
}
