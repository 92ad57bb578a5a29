using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// A running tally of quantities per resource name, with the two operations requests combine by: the sum (things
/// running together) and the per-resource maximum (things running one after the other).
/// </summary>
internal sealed class ResourceList
{
    /// <summary>The API server stores a quantity above the largest 64-bit integer as that integer.</summary>
    private static readonly Quantity LargestStored = Quantity.FromValue(long.MaxValue);

    private readonly Dictionary<string, Quantity> quantities = new(StringComparer.Ordinal);

    /// <summary>The quantities of a resource map such as <c>resources.requests</c> or <c>overhead</c>.</summary>
    /// <param name="map">The map; anything but an object reads as empty.</param>
    /// <returns>The list.</returns>
    public static ResourceList Read(JsonNode? map)
    {
        var list = new ResourceList();
        foreach (var (name, value) in map as JsonObject ?? [])
        {
            list.Add(name, QuantityOf(value));
        }

        return list;
    }

    /// <summary>
    /// A quantity written as a string or, as the API server also accepts, a bare JSON number. Anything unreadable,
    /// and a negative value (which the server rejects), counts as zero: it must not lower a sum of valid requests. A
    /// value above the largest 64-bit integer counts as that integer, as the server stores it, which also keeps the
    /// sums of a pod's containers far from the limits of a <see cref="decimal"/>.
    /// </summary>
    /// <param name="node">The value.</param>
    /// <returns>The quantity.</returns>
    public static Quantity QuantityOf(JsonNode? node)
    {
        var text = node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            }
            : null;
        return !Quantity.TryParse(text, out var quantity) || quantity.Value < 0 ? Quantity.Zero
            : quantity > LargestStored ? LargestStored
            : quantity;
    }

    /// <summary>Adds a quantity to a resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="quantity">The quantity.</param>
    public void Add(string name, Quantity quantity) =>
        quantities[name] = quantities.TryGetValue(name, out var sum) ? sum + quantity : quantity;

    /// <summary>Adds every quantity of another list.</summary>
    /// <param name="other">The other list.</param>
    public void Add(ResourceList other)
    {
        foreach (var (name, quantity) in other.quantities)
        {
            Add(name, quantity);
        }
    }

    /// <summary>A new list holding this list plus another.</summary>
    /// <param name="other">The other list.</param>
    /// <returns>The sum.</returns>
    public ResourceList Plus(ResourceList other)
    {
        var sum = Copy();
        sum.Add(other);
        return sum;
    }

    /// <summary>Raises each resource to at least the other list's quantity of it.</summary>
    /// <param name="other">The other list.</param>
    public void RaiseTo(ResourceList other)
    {
        foreach (var (name, quantity) in other.quantities)
        {
            quantities[name] = quantities.TryGetValue(name, out var current) ? Quantity.Max(current, quantity) : quantity;
        }
    }

    /// <summary>A new list holding, per resource, the larger of this list's and another's quantity.</summary>
    /// <param name="other">The other list.</param>
    /// <returns>The maximum.</returns>
    public ResourceList MaxWith(ResourceList other)
    {
        var max = Copy();
        max.RaiseTo(other);
        return max;
    }

    private ResourceList Copy()
    {
        var copy = new ResourceList();
        copy.Add(this);
        return copy;
    }

    /// <summary>The non-zero quantities, by resource name in ordinal order.</summary>
    /// <returns>The quantities.</returns>
    public IReadOnlyDictionary<string, Quantity> NonZero() =>
        new SortedDictionary<string, Quantity>(
            quantities.Where(pair => !pair.Value.IsZero).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
}
