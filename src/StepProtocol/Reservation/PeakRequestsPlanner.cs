using System.Text.Json.Nodes;
using Kueueleuleu.Objects;
using Kueueleuleu.StepProtocol.Conversion;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>
/// Plans the Peak reservation (docs/sequentialjob.md, "What the run reserves"). Per resource, the steps' demand is what
/// any set of steps that can run at the same time requests together (<see cref="ConcurrentPeak"/>; for a chain, the
/// largest step), plus the native sidecars, which run beside every step. The injected init container requests that;
/// the steps request zero. Kubernetes counts a Pod as the larger of its init containers (each with the sidecars started
/// before it) and its containers plus sidecars, so the Pod then requests exactly the larger of that demand and what the
/// user's own init containers need.
/// </summary>
internal static class PeakRequestsPlanner
{
    /// <summary>
    /// The resources whose requests move. Extended resources (GPUs, ...) and hugepages are left as written: the kubelet
    /// hands them to the container that requests them, so a step must keep its own.
    /// </summary>
    public static IReadOnlyList<string> Reducible { get; } = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>
    /// The plan for a checked pod spec, or <see langword="null"/> when nothing moves: the mode is
    /// <see cref="RequestsMode.AsWritten"/>, the Pod is <see cref="QosClass.Guaranteed"/> (its class is kept), or for every
    /// resource the steps' peak is already their sum. Unreadable quantities are reported in <paramref name="errors"/>.
    /// </summary>
    public static PeakRequestsPlan? Plan(PodSpecView view, IReadOnlyList<StepPlan> plans, ConversionOptions options, List<ConversionError> errors)
    {
        if (options.Requests == RequestsMode.AsWritten || QosClassifier.Of(view.Spec) == QosClass.Guaranteed)
        {
            return null;
        }

        var index = view.Containers.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        IReadOnlyList<IReadOnlyList<int>> predecessors = [.. plans.Select(p => (IReadOnlyList<int>)[.. p.After.Select(a => index[a])])];
        var sidecars = view.InitContainers.Where(c => JsonRead.Text(c.Node, "restartPolicy") == "Always").ToList();
        var initRequests = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        var zeroed = new List<(NamedItem, string)>();
        foreach (var resource in Reducible)
        {
            var weights = view.Containers.Select(c => Demand(c, resource, options, errors)).ToList();
            var sidecarDemand = sidecars.Aggregate(Quantity.Zero, (sum, c) => sum + Demand(c, resource, options, errors));
            var peak = ConcurrentPeak.Of([.. weights.Select(w => w.Value)], predecessors);
            if (peak == weights.Sum(w => w.Value))
            {
                continue;
            }

            initRequests[resource] = Quantity.FromValue(peak, weights.Any(w => w.IsBinary)) + sidecarDemand;
            zeroed.AddRange(view.Containers.Where((_, i) => !weights[i].IsZero).Select(c => (c, resource)));
        }

        return initRequests.Count == 0 ? null : new PeakRequestsPlan(initRequests, zeroed);
    }

    /// <summary>
    /// What a container asks of a resource as the API server will see it: its request, else its limit (a missing request
    /// is defaulted to the limit), else the namespace's LimitRange default when the caller knows it.
    /// </summary>
    private static Quantity Demand(NamedItem container, string resource, ConversionOptions options, List<ConversionError> errors)
    {
        foreach (var kind in (string[])["requests", "limits"])
        {
            var node = JsonRead.At(container.Node, "resources", kind, resource);
            if (node is null)
            {
                continue;
            }

            if (Quantity.TryParse(QuantityNode.Of(node), out var quantity))
            {
                return quantity;
            }

            errors.Add(new(
                JsonPath.Property(JsonPath.Property(JsonPath.Property(container.Path, "resources"), kind), resource),
                $"must be a quantity such as 500m, 2 or 1Gi, not {JsonRead.Describe(node)}"));
            return Quantity.Zero;
        }

        return options.DefaultRequests.TryGetValue(resource, out var text) && Quantity.TryParse(text, out var fallback) ? fallback : Quantity.Zero;
    }
}
