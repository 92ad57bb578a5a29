using System.Text.Json.Nodes;
using Kueueleuleu.Objects;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// What the namespace's LimitRanges do to a Pod at admission, for the resources the Peak reservation moves: the
/// defaults they give containers without requests, and the <c>min</c>, <c>max</c> and <c>maxLimitRequestRatio</c> of
/// their <c>Container</c> items that would make the API server refuse the Pod. LimitRanges are read in name order; the
/// first default for a resource wins, as the admission plugin applies a default only where nothing is set yet.
/// </summary>
internal static class LimitRangeRules
{
    private static readonly string[] Reducible = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>Per resource, the request a container that sets neither request nor limit is given.</summary>
    public static IReadOnlyDictionary<string, string> DefaultRequests(IReadOnlyList<JsonObject> limitRanges)
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in ContainerItems(limitRanges))
        {
            foreach (var resource in Reducible)
            {
                if (!defaults.ContainsKey(resource) && (Text(item, "defaultRequest", resource) ?? Text(item, "default", resource)) is { } text)
                {
                    defaults[resource] = text;
                }
            }
        }

        return defaults;
    }

    /// <summary>
    /// A copy of <paramref name="podSpec"/> as admission will leave it: every container that sets neither request nor
    /// limit of a resource gets the default request, so that what the Pod requests is reported as the scheduler sees it.
    /// </summary>
    public static JsonObject WithDefaults(JsonObject podSpec, IReadOnlyList<JsonObject> limitRanges)
    {
        var copy = podSpec.DeepClone().AsObject();
        var defaults = DefaultRequests(limitRanges);
        if (defaults.Count == 0)
        {
            return copy;
        }

        foreach (var container in JsonRead.Objects(copy, "initContainers").Concat(JsonRead.Objects(copy, "containers")))
        {
            foreach (var (resource, text) in defaults)
            {
                if (JsonRead.At(container, "resources", "requests", resource) is null && JsonRead.At(container, "resources", "limits", resource) is null)
                {
                    Section(Section(container, "resources"), "requests")[resource] = text;
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// Raises the requests of the operator's own init container to what the LimitRanges demand of every container
    /// (<c>min</c>, and <c>limit / maxLimitRequestRatio</c>), so that the copy of the entrypoint is never why a Pod is refused.
    /// </summary>
    public static void FitInitContainer(JsonObject podSpec, IReadOnlyList<JsonObject> limitRanges)
    {
        if (JsonRead.Objects(podSpec, "initContainers").FirstOrDefault(c => JsonRead.Text(c, "name") == EntrypointProtocol.InitContainerName) is not { } init
            || init["resources"] is not JsonObject { } resources || resources["requests"] is not JsonObject requests)
        {
            return;
        }

        foreach (var item in ContainerItems(limitRanges))
        {
            foreach (var resource in Reducible)
            {
                var floor = Quantity.Max(Read(item, "min", resource) ?? Quantity.Zero, MinimumForRatio(item, resources, resource));
                if (Read(requests, resource) is { } request && request < floor)
                {
                    requests[resource] = floor.ToString();
                }
            }
        }
    }

    /// <summary>Why the namespace's LimitRanges would refuse a Pod with <paramref name="podSpec"/>; empty when they admit it.</summary>
    public static IReadOnlyList<string> Violations(JsonObject podSpec, IReadOnlyList<JsonObject> limitRanges)
    {
        var found = new List<string>();
        var containers = JsonRead.Objects(podSpec, "initContainers").Concat(JsonRead.Objects(podSpec, "containers")).ToList();
        foreach (var (name, item) in ContainerItemsNamed(limitRanges))
        {
            foreach (var container in containers)
            {
                foreach (var resource in Reducible)
                {
                    Check(found, name, item, container, resource);
                }
            }
        }

        return found;
    }

    private static void Check(List<string> found, string limitRange, JsonObject item, JsonObject container, string resource)
    {
        var where = $"LimitRange {limitRange}: container {JsonRead.Text(container, "name")}";
        var limit = Read(container, "resources", "limits", resource);
        var request = Read(container, "resources", "requests", resource) ?? limit;
        if (Read(item, "min", resource) is { } min && request is { } r && r < min)
        {
            found.Add($"{where} would request {resource} {r}, below the minimum {min}");
        }

        if (Read(item, "max", resource) is { } max && request is { } q && q > max)
        {
            found.Add($"{where} would request {resource} {q}, above the maximum {max}");
        }

        if (Read(item, "maxLimitRequestRatio", resource) is { } ratio && limit is { } l && request is { } d && (d.IsZero || l.Value / d.Value > ratio.Value))
        {
            found.Add($"{where} would have a {resource} limit {l} over request {d}, more than the ratio {ratio}");
        }
    }

    private static Quantity MinimumForRatio(JsonObject item, JsonObject resources, string resource) =>
        Read(item, "maxLimitRequestRatio", resource) is { Value: > 0 } ratio && Read(resources, "limits", resource) is { } limit
            ? Quantity.FromValue(Math.Ceiling(limit.Value / ratio.Value * 1000m) / 1000m, limit.IsBinary)
            : Quantity.Zero;

    private static IEnumerable<JsonObject> ContainerItems(IReadOnlyList<JsonObject> limitRanges) =>
        ContainerItemsNamed(limitRanges).Select(p => p.Item);

    private static IEnumerable<(string Name, JsonObject Item)> ContainerItemsNamed(IReadOnlyList<JsonObject> limitRanges) =>
        limitRanges
            .OrderBy(l => JsonRead.Text(l, "metadata", "name"), StringComparer.Ordinal)
            .SelectMany(l => JsonRead.Objects(l, "spec", "limits")
                .Where(i => JsonRead.Text(i, "type") == "Container")
                .Select(i => (JsonRead.Text(l, "metadata", "name") ?? string.Empty, i)));

    private static JsonObject Section(JsonObject owner, string key)
    {
        if (owner[key] is not JsonObject section)
        {
            section = [];
            owner[key] = section;
        }

        return section;
    }

    private static string? Text(JsonNode? node, params ReadOnlySpan<string> path) => JsonRead.At(node, path) switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static Quantity? Read(JsonNode? node, params ReadOnlySpan<string> path) =>
        Quantity.TryParse(Text(node, path), out var quantity) ? quantity : null;
}
