namespace Kueueleuleu.Entities.Schema;

/// <summary>
/// The <c>description</c> of a type or field in the CRD schema: what <c>kubectl explain</c> prints. XML doc comments
/// do not survive into the assembly, so the user-facing text is carried by this attribute.
/// </summary>
/// <param name="text">The description.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Enum)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    /// <summary>The description.</summary>
    public string Text { get; } = text;
}
