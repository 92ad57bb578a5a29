namespace Kueueleuleu.Entities.Schema;

/// <summary>The <c>pattern</c> (a regular expression the API server matches with Go's RE2) of a string field.</summary>
/// <param name="regex">The regular expression, anchored by the author where the whole value must match.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Regex { get; } = regex;
}

/// <summary>The <c>minLength</c> of a string field.</summary>
/// <param name="length">The least number of characters.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int length) : Attribute
{
    /// <summary>The least number of characters.</summary>
    public int Length { get; } = length;
}

/// <summary>
/// The <c>maxLength</c> of a string field. Strings compared in CEL rules need one: the API server estimates a rule's
/// cost from it and refuses rules over strings of unbounded length.
/// </summary>
/// <param name="length">The most characters.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(int length) : Attribute
{
    /// <summary>The most characters.</summary>
    public int Length { get; } = length;
}

/// <summary>The <c>enum</c> of a string field typed as <see cref="string"/> (C# enum types get theirs from their members).</summary>
/// <param name="values">The allowed values.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    /// <summary>The allowed values.</summary>
    public IReadOnlyList<string> Values { get; } = values;
}
