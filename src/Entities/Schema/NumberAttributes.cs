namespace Kueueleuleu.Entities.Schema;

/// <summary>The inclusive <c>minimum</c> of an integer field.</summary>
/// <param name="value">The least allowed value.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(long value) : Attribute
{
    /// <summary>The least allowed value.</summary>
    public long Value { get; } = value;
}

/// <summary>The inclusive <c>maximum</c> of an integer field.</summary>
/// <param name="value">The greatest allowed value.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(long value) : Attribute
{
    /// <summary>The greatest allowed value.</summary>
    public long Value { get; } = value;
}
