using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.StepProtocol.Reservation;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Chooses between the Peak and the as-written conversion of a template and says why, for
/// <see cref="SequentialJobStatus.Reservation"/>: Peak unless the spec asks for the sum, the Pod is Guaranteed (the
/// converter then keeps its requests, so both are the same), or the namespace's LimitRanges would refuse a Pod that the
/// sum would not make them refuse (then the run would never start; requesting the sum lets it run).
/// </summary>
internal static class ReservationChoice
{
    /// <summary>The reasons of <see cref="SequentialJobReservation.Reason"/>.</summary>
    public static class Reasons
    {
        /// <summary>The steps' requests were moved to what can run at once.</summary>
        public const string Peak = "Peak";

        /// <summary>The peak is the sum (one step, steps that all run together, or nothing requested).</summary>
        public const string NoReduction = "NoReduction";

        /// <summary><c>spec.requestsPolicy: AsWritten</c>.</summary>
        public const string AsWritten = "AsWritten";

        /// <summary>The Pod is Guaranteed; its requests stay as written so that it stays so.</summary>
        public const string Guaranteed = "Guaranteed";

        /// <summary>A LimitRange forbids the reduced requests.</summary>
        public const string LimitRange = "LimitRange";
    }

    /// <summary>The template the Job gets and the reservation to report.</summary>
    /// <param name="policy">The spec's policy.</param>
    /// <param name="written">The template as written.</param>
    /// <param name="peak">Its conversion with <see cref="RequestsMode.Peak"/> (the same as <paramref name="sum"/> under AsWritten).</param>
    /// <param name="sum">Its conversion with <see cref="RequestsMode.AsWritten"/>.</param>
    /// <param name="limitRanges">The namespace's LimitRanges.</param>
    public static (JsonObject Template, SequentialJobReservation Reservation) Choose(
        RequestsPolicy policy, JsonObject written, JsonObject peak, JsonObject sum, IReadOnlyList<JsonObject> limitRanges)
    {
        var sumRequests = Requests(sum, limitRanges);
        if (policy == RequestsPolicy.AsWritten)
        {
            return (sum, Reservation(Reasons.AsWritten, sumRequests, "spec.requestsPolicy is AsWritten: the Pod requests the sum of its containers' requests"));
        }

        if (written["spec"] is JsonObject writtenSpec && QosClassifier.Of(writtenSpec) == QosClass.Guaranteed)
        {
            return (sum, Reservation(Reasons.Guaranteed, sumRequests,
                "every container's requests equal its limits (QoS class Guaranteed); they are kept as written so that the Pod stays Guaranteed, and it requests their sum"));
        }

        var refused = Violations(peak, limitRanges).Except(Violations(sum, limitRanges), StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            return (sum, Reservation(Reasons.LimitRange, sumRequests,
                $"the namespace's LimitRanges forbid the reduced requests ({string.Join("; ", refused)}), so the Pod requests the sum of its containers' requests"));
        }

        var peakRequests = Requests(peak, limitRanges);
        return Same(peakRequests, sumRequests)
            ? (peak, Reservation(Reasons.NoReduction, peakRequests, "the most its steps can use at once is already the sum of their requests"))
            : (peak, Reservation(Reasons.Peak, peakRequests, $"the most its steps (with their sidecars) can use at once, or what its init containers need if that is more; with the requests as written it would request {Describe(sumRequests)}"));
    }

    private static IReadOnlyList<string> Violations(JsonObject template, IReadOnlyList<JsonObject> limitRanges) =>
        template["spec"] is JsonObject spec ? LimitRangeRules.Violations(LimitRangeRules.WithDefaults(spec, limitRanges), limitRanges) : [];

    /// <summary>What the Pod requests once admission has added the LimitRanges' defaults.</summary>
    private static IReadOnlyDictionary<string, Quantity> Requests(JsonObject template, IReadOnlyList<JsonObject> limitRanges) =>
        template["spec"] is JsonObject spec ? PodRequests.Effective(LimitRangeRules.WithDefaults(spec, limitRanges)) : new Dictionary<string, Quantity>();

    private static bool Same(IReadOnlyDictionary<string, Quantity> a, IReadOnlyDictionary<string, Quantity> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other == p.Value);

    private static SequentialJobReservation Reservation(string reason, IReadOnlyDictionary<string, Quantity> requests, string why) => new()
    {
        Requests = new SortedDictionary<string, string>(requests.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), StringComparer.Ordinal),
        Reason = reason,
        Message = $"the Pod requests {Describe(requests)}: {why}",
    };

    private static string Describe(IReadOnlyDictionary<string, Quantity> requests) =>
        requests.Count == 0 ? "nothing" : string.Join(", ", requests.Select(p => $"{p.Key} {p.Value}"));
}
