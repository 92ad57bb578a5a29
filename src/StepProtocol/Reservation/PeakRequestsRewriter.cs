using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>Carries out a <see cref="PeakRequestsPlan"/> on the pod spec being converted.</summary>
internal static class PeakRequestsRewriter
{
    /// <summary>
    /// Gives the steps explicit zero requests (a missing one would be defaulted to the limit) and the injected init
    /// container the peak. Its limits grow with its requests where it has one, so the request never exceeds the limit.
    /// </summary>
    public static void Apply(PeakRequestsPlan plan, JsonObject initContainer)
    {
        foreach (var (step, resource) in plan.Zeroed)
        {
            Section(Section(step.Node, "resources"), "requests")[resource] = "0";
        }

        var resources = Section(initContainer, "resources");
        var requests = Section(resources, "requests");
        foreach (var (resource, peak) in plan.InitRequests)
        {
            var request = Quantity.Max(Read(requests, resource), peak);
            requests[resource] = request.ToString();
            if (resources["limits"] is JsonObject limits && limits.ContainsKey(resource))
            {
                limits[resource] = Quantity.Max(Read(limits, resource), request).ToString();
            }
        }
    }

    private static Quantity Read(JsonObject list, string resource) =>
        Quantity.TryParse(QuantityNode.Of(list[resource]), out var quantity) ? quantity : Quantity.Zero;

    /// <summary>The object under <paramref name="key"/>, created at the end of <paramref name="owner"/> when missing or null.</summary>
    private static JsonObject Section(JsonObject owner, string key)
    {
        if (owner[key] is JsonObject section)
        {
            return section;
        }

        owner.Remove(key);
        section = [];
        owner[key] = section;
        return section;
    }
}
