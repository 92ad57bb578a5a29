namespace Kueueleuleu.Entities.Schema;

/// <summary>The <c>minItems</c> of a list field.</summary>
/// <param name="count">The least number of items.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(int count) : Attribute
{
    /// <summary>The least number of items.</summary>
    public int Count { get; } = count;
}

/// <summary>
/// The <c>maxItems</c> of a list field. Lists iterated by CEL rules need one: the API server estimates a rule's cost
/// from it and refuses rules over lists of unbounded length.
/// </summary>
/// <param name="count">The most items.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int count) : Attribute
{
    /// <summary>The most items.</summary>
    public int Count { get; } = count;
}

/// <summary>
/// The <c>x-kubernetes-list-type</c> of a list field: <c>set</c> (unique scalars) or <c>map</c> (objects unique by
/// the <see cref="Keys"/>). The API server enforces the uniqueness, and server-side apply merges items by key.
/// </summary>
/// <param name="type"><c>atomic</c>, <c>set</c> or <c>map</c>.</param>
/// <param name="keys">The key fields of a <c>map</c> list (<c>x-kubernetes-list-map-keys</c>); they must be required.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string type, params string[] keys) : Attribute
{
    /// <summary>The list type.</summary>
    public string Type { get; } = type;

    /// <summary>The key fields of a <c>map</c> list; empty for other types.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>The <c>pattern</c> of every item of a list of strings.</summary>
/// <param name="regex">The regular expression.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemPatternAttribute(string regex) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Regex { get; } = regex;
}

/// <summary>The <c>maxLength</c> of every item of a list of strings.</summary>
/// <param name="length">The most characters.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemMaxLengthAttribute(int length) : Attribute
{
    /// <summary>The most characters.</summary>
    public int Length { get; } = length;
}
