using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry;

/// <summary>The result of one stage of a lookup: a value, or the problem that ends the lookup.</summary>
internal readonly record struct Step<T>(T? Value, Problem? Problem)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Ok => Value is not null;

    public static implicit operator Step<T>(T value) => new(value, null);

    public static implicit operator Step<T>(Problem problem) => new(null, problem);
}
