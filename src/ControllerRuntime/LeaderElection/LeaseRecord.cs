using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>The leader-election fields of a <c>coordination.k8s.io/v1</c> Lease's spec.</summary>
/// <param name="HolderIdentity">The holder; null or empty when free.</param>
/// <param name="LeaseDurationSeconds">How long the holder's claim lasts after <paramref name="RenewTime"/>.</param>
/// <param name="AcquireTime">When the current holder acquired it.</param>
/// <param name="RenewTime">When the holder last renewed it.</param>
/// <param name="LeaseTransitions">How many times the holder changed.</param>
internal sealed record LeaseRecord(string? HolderIdentity, int LeaseDurationSeconds, DateTimeOffset? AcquireTime, DateTimeOffset? RenewTime, int LeaseTransitions)
{
    // metav1.MicroTime: RFC 3339 with microseconds.
    private const string MicroTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public bool IsHeld => !string.IsNullOrEmpty(HolderIdentity);

    public static LeaseRecord From(JsonObject lease)
    {
        var spec = lease["spec"] as JsonObject;
        return new LeaseRecord(
            (string?)spec?["holderIdentity"],
            (int?)spec?["leaseDurationSeconds"] ?? 0,
            ParseTime(spec?["acquireTime"]),
            ParseTime(spec?["renewTime"]),
            (int?)spec?["leaseTransitions"] ?? 0);
    }

    public JsonObject ToSpec() => new()
    {
        ["holderIdentity"] = HolderIdentity ?? "",
        ["leaseDurationSeconds"] = LeaseDurationSeconds,
        ["acquireTime"] = FormatTime(AcquireTime),
        ["renewTime"] = FormatTime(RenewTime),
        ["leaseTransitions"] = LeaseTransitions,
    };

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        (string?)node is { Length: > 0 } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private static string? FormatTime(DateTimeOffset? time) => time?.UtcDateTime.ToString(MicroTimeFormat, CultureInfo.InvariantCulture);
}
