namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>1.5Gi</c>, <c>2</c>, <c>1e3</c>) held exactly as a
/// <see cref="decimal"/> in base units (cores, bytes, devices), so that sums and maxima of requests are what the
/// scheduler and ResourceQuota compute, not a floating-point approximation of them.
/// </summary>
/// <remarks>
/// <para>
/// Parsing follows the API's quantity grammar: an optional sign, digits with an optional fraction (<c>1</c>,
/// <c>1.5</c>, <c>.5</c>, <c>5.</c>), then one suffix: binary <c>Ki Mi Gi Ti Pi Ei</c>, decimal <c>n u m k M G T P E</c>
/// or none, or a decimal exponent (<c>e3</c>, <c>E-2</c>). As the API server does, a value finer than a nano-unit is
/// rounded up (away from zero) to a whole nano-unit: asking for a little of a resource still asks for some.
/// </para>
/// <para>
/// <see cref="ToString"/> prints one canonical text. The value is first rounded up (away from zero) to a whole
/// milli-unit, the finest precision the API keeps for requests. Then: a value that is not a whole number prints in
/// milli form (<c>1500m</c>, <c>250m</c>); a whole value of a quantity written with a binary suffix (a sum or maximum
/// is binary when either side was) that is a multiple of 1024 prints with the largest binary suffix dividing it
/// exactly (<c>1536Mi</c>, <c>1Gi</c>); any other whole value prints with the largest of <c>k M G T P E</c> dividing
/// it exactly (<c>2k</c>, <c>3G</c>), else as the plain number (<c>3</c>, <c>1025</c>). Zero prints <c>0</c>.
/// </para>
/// <para>
/// Equality and ordering look at <see cref="Value"/> only: whether a quantity was written binary is a display hint,
/// so <c>1Ki</c> equals <c>1024</c>.
/// </para>
/// </remarks>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private readonly decimal value;
    private readonly bool binary;

    private Quantity(decimal value, bool binary)
    {
        this.value = value;
        this.binary = binary;
    }

    /// <summary>The quantity zero.</summary>
    public static Quantity Zero => default;

    /// <summary>The exact value in base units (cores, bytes, devices).</summary>
    public decimal Value => value;

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => value == 0m;

    /// <summary>Whether the quantity prints with a binary suffix when its value allows it (see <see cref="ToString"/>).</summary>
    public bool IsBinary => binary;

    /// <summary>A quantity of a computed value, such as a peak of several requests.</summary>
    /// <param name="value">The value in base units.</param>
    /// <param name="binary">Whether it prints with a binary suffix when its value allows it.</param>
    /// <returns>The quantity.</returns>
    public static Quantity FromValue(decimal value, bool binary = false) => new(value, binary);

    /// <summary>Reads a quantity in the Kubernetes quantity grammar.</summary>
    /// <param name="text">The text, such as <c>500m</c> or <c>1.5Gi</c>.</param>
    /// <param name="quantity">The quantity when the text is valid; zero otherwise.</param>
    /// <returns>
    /// Whether the text is a quantity: <see langword="false"/> for <see langword="null"/>, empty text, spaces, a
    /// malformed number, an unknown suffix, or a value a <see cref="decimal"/> cannot hold exactly.
    /// </returns>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        if (QuantityGrammar.Read(text) is not { } parsed)
        {
            return false;
        }

        quantity = new Quantity(parsed.Value, parsed.Binary);
        return true;
    }

    /// <summary>Reads a quantity in the Kubernetes quantity grammar.</summary>
    /// <param name="text">The text, such as <c>500m</c> or <c>1.5Gi</c>.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="FormatException">The text is not a quantity; the message names it.</exception>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var quantity)
            ? quantity
            : throw new FormatException($"'{text}' is not a Kubernetes quantity: {QuantityGrammar.SyntaxHint}");
    }

    /// <summary>The sum of two quantities; binary when either is.</summary>
    /// <param name="a">One quantity.</param>
    /// <param name="b">The other.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="OverflowException">The sum does not fit a <see cref="decimal"/>.</exception>
    public static Quantity operator +(Quantity a, Quantity b) => new(a.value + b.value, a.binary || b.binary);

    /// <summary>The larger of two quantities; of equal values, binary when either is.</summary>
    /// <param name="a">One quantity.</param>
    /// <param name="b">The other.</param>
    /// <returns>The larger.</returns>
    public static Quantity Max(Quantity a, Quantity b) => a.value.CompareTo(b.value) switch
    {
        > 0 => a,
        < 0 => b,
        _ => new Quantity(a.value, a.binary || b.binary),
    };

    /// <summary>Whether two quantities have the same value.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether the values are equal.</returns>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Whether two quantities have different values.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether the values differ.</returns>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Whether a quantity is smaller than another.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Whether a quantity is larger than another.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Whether a quantity is at most another.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is smaller or equal.</returns>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Whether a quantity is at least another.</summary>
    /// <param name="left">One quantity.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is larger or equal.</returns>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public bool Equals(Quantity other) => value == other.value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => value.CompareTo(other.value);

    /// <summary>The canonical text of the quantity (the rule is in the type's remarks).</summary>
    /// <returns>The text, such as <c>1500m</c>, <c>1536Mi</c>, <c>2k</c> or <c>0</c>.</returns>
    public override string ToString() => QuantityText.Canonical(value, binary);
}
