using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>One page of a list call.</summary>
/// <param name="Items">The objects (each with <c>apiVersion</c> and <c>kind</c> filled in).</param>
/// <param name="ResourceVersion">The list's resource version: watch from here to see every later change.</param>
/// <param name="Continue">The token of the next page, or null on the last page.</param>
/// <param name="RemainingItemCount">How many items remain after this page, when the server says.</param>
public sealed record ResourceList(IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue, long? RemainingItemCount)
{
    /// <summary>
    /// Reads a <c>*List</c> response and gives every item the kind the list leaves out. The items are moved
    /// out of <paramref name="list"/> (no copy: lists can be large), which is left without them.
    /// </summary>
    /// <param name="list">The list object.</param>
    /// <returns>The page.</returns>
    public static ResourceList FromJson(JsonObject list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var apiVersion = (string?)list["apiVersion"];
        var kind = ItemKind((string?)list["kind"]);
        var items = new List<JsonObject>();
        if (list["items"] is JsonArray array)
        {
            var nodes = array.ToList();
            array.Clear(); // detaches the items so they can live on their own
            items.AddRange(nodes.OfType<JsonObject>().Select(item => WithTypeMeta(item, apiVersion, kind)));
        }

        return Page(items, list["metadata"] as JsonObject);
    }

    /// <summary>The kind of a list's items: <c>PodList</c> gives <c>Pod</c>; null when the list's kind does not say.</summary>
    internal static string? ItemKind(string? listKind) =>
        listKind is { } k && k.EndsWith("List", StringComparison.Ordinal) ? k[..^4] : null;

    /// <summary>The page of <paramref name="items"/> whose list metadata is <paramref name="metadata"/>.</summary>
    internal static ResourceList Page(IReadOnlyList<JsonObject> items, JsonObject? metadata)
    {
        var next = (string?)metadata?["continue"];
        var remaining = metadata?["remainingItemCount"] is JsonValue r && r.TryGetValue<long>(out var n) ? n : (long?)null;
        return new ResourceList(items, (string?)metadata?["resourceVersion"] ?? "", string.IsNullOrEmpty(next) ? null : next, remaining);
    }

    /// <summary>
    /// Fills in the <c>apiVersion</c> and <c>kind</c> the server omits on list items, so items look like single GETs.
    /// </summary>
    internal static JsonObject WithTypeMeta(JsonObject item, string? apiVersion, string? kind)
    {
        if (item["apiVersion"] is null && apiVersion is not null)
        {
            item.Insert(0, "apiVersion", apiVersion);
        }

        if (item["kind"] is null && kind is not null)
        {
            item.Insert(1, "kind", kind);
        }

        return item;
    }
}
