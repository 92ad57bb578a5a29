using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>
/// The platform a Pod will run on, as far as its spec says: <c>nodeSelector</c>'s <c>kubernetes.io/os</c> and
/// <c>kubernetes.io/arch</c>, else a required node affinity term that allows exactly one value for them (every term
/// must agree, as any of them may match), else the operator's default.
/// </summary>
internal static class PodPlatform
{
    private const string OsLabel = "kubernetes.io/os";
    private const string ArchLabel = "kubernetes.io/arch";

    /// <summary>The platform text (<c>os/arch</c>, or the default as configured, which may carry a variant).</summary>
    public static string Of(JsonObject? podSpec, string defaultPlatform)
    {
        var parts = defaultPlatform.Split('/', 2);
        var os = Label(podSpec, OsLabel) ?? parts[0];
        // The default's variant (arm/v7) belongs to the default's architecture only.
        var arch = Label(podSpec, ArchLabel) ?? (parts.Length > 1 ? parts[1] : "amd64");
        return $"{os}/{arch}";
    }

    private static string? Label(JsonObject? podSpec, string label) =>
        JsonRead.Text(podSpec, "nodeSelector", label) ?? AffinityValue(podSpec, label);

    private static string? AffinityValue(JsonObject? podSpec, string label)
    {
        var terms = JsonRead.Objects(podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms").ToList();
        var values = terms.Select(term => JsonRead.Objects(term, "matchExpressions")
                .Where(e => JsonRead.Text(e, "key") == label && JsonRead.Text(e, "operator") == "In")
                .Select(e => JsonRead.Texts(e, "values"))
                .FirstOrDefault(v => v is { Count: 1 })?[0])
            .ToList();
        return values.Count > 0 && values.All(v => v is not null && v == values[0]) ? values[0] : null;
    }
}
