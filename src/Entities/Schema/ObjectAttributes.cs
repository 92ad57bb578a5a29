namespace Kueueleuleu.Entities.Schema;

/// <summary>Marks a field its parent object's schema lists under <c>required</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>
/// Keeps fields the schema does not declare (<c>x-kubernetes-preserve-unknown-fields: true</c>). A class with a
/// <see cref="System.Text.Json.Serialization.JsonExtensionDataAttribute"/> property gets it without this attribute;
/// a <see cref="System.Text.Json.Nodes.JsonObject"/> field gets it always.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>
/// Marks the root <c>metadata</c> field: its schema is only <c>type: object</c>, because the API server owns
/// ObjectMeta's schema and refuses CRDs that describe it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ObjectMetaAttribute : Attribute;

/// <summary>The <c>default</c> the API server fills in when a field is absent.</summary>
/// <param name="json">The default value as JSON text, for example <c>"\"Never\""</c> or <c>"6"</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(string json) : Attribute
{
    /// <summary>The default value as JSON text.</summary>
    public string Json { get; } = json;
}
