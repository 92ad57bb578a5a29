using System.Globalization;
using System.Numerics;

namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// The canonical text of a quantity (the rule is documented on <see cref="Quantity"/>). It works on integers of
/// milli-units so that rounding never overflows a <see cref="decimal"/> and every suffix test is an exact remainder.
/// </summary>
internal static class QuantityText
{
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    private static readonly string[] DecimalSuffixes = ["", "k", "M", "G", "T", "P", "E"];

    /// <summary>The canonical text of a value.</summary>
    /// <param name="value">The value in base units.</param>
    /// <param name="binary">Whether a binary suffix is preferred.</param>
    /// <returns>The text.</returns>
    public static string Canonical(decimal value, bool binary)
    {
        var sign = value < 0 ? "-" : "";
        var millis = MillisRoundedUp(Math.Abs(value));
        if (millis.IsZero)
        {
            return "0";
        }

        var whole = BigInteger.DivRem(millis, 1000, out var fraction);
        if (!fraction.IsZero)
        {
            return sign + Text(millis) + "m";
        }

        return sign + (binary && (whole % 1024).IsZero ? WithSuffix(whole, 1024, BinarySuffixes) : WithSuffix(whole, 1000, DecimalSuffixes));
    }

    /// <summary>The magnitude in milli-units, any finer remainder rounded up.</summary>
    private static BigInteger MillisRoundedUp(decimal magnitude)
    {
        var scale = magnitude.Scale;
        var unscaled = Unscaled(magnitude);
        if (scale <= 3)
        {
            return unscaled * BigInteger.Pow(10, 3 - scale);
        }

        var millis = BigInteger.DivRem(unscaled, BigInteger.Pow(10, scale - 3), out var remainder);
        return remainder.IsZero ? millis : millis + 1;
    }

    /// <summary>The 96-bit integer of digits of a decimal, without its scale or sign.</summary>
    private static BigInteger Unscaled(decimal magnitude)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(magnitude, bits);
        return ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
    }

    /// <summary>The value with the largest suffix that divides it exactly (the first suffix is none).</summary>
    private static string WithSuffix(BigInteger whole, int step, string[] suffixes)
    {
        var index = 0;
        while (index + 1 < suffixes.Length && (whole % step).IsZero)
        {
            whole /= step;
            index++;
        }

        return Text(whole) + suffixes[index];
    }

    private static string Text(BigInteger number) => number.ToString(CultureInfo.InvariantCulture);
}
