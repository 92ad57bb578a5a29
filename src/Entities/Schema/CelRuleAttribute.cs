namespace Kueueleuleu.Entities.Schema;

/// <summary>
/// A CEL validation rule (<c>x-kubernetes-validations</c>) on a type's or field's schema. <c>self</c> is the value
/// of that node. API servers before 1.25 do not know the field and drop it, so every rule also has a counterpart in
/// <see cref="Validation.SequentialJobValidator"/> that the operator runs.
/// </summary>
/// <param name="rule">The CEL expression, true when the value is valid.</param>
/// <param name="message">The error the API server returns when the rule is false.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression.</summary>
    public string Rule { get; } = rule;

    /// <summary>The error message.</summary>
    public string Message { get; } = message;
}
