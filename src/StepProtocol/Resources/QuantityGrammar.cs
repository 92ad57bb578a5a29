using System.Globalization;
using System.Numerics;

namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// Reads the Kubernetes quantity grammar exactly: the number is kept as an integer of digits and a power of ten, the
/// suffix scales it, and only then does the value become a <see cref="decimal"/>, so no digit is lost on the way.
/// </summary>
internal static class QuantityGrammar
{
    /// <summary>The syntax reminder of every error about a quantity.</summary>
    public const string SyntaxHint =
        "write a number with an optional suffix n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3, for example 500m, 1.5Gi or 2";

    /// <summary>The API server keeps nine fractional digits; finer values round up to one nano-unit.</summary>
    private const int NanoScale = 9;

    /// <summary>A <see cref="decimal"/> holds a 96-bit integer of digits.</summary>
    private static readonly BigInteger DecimalDigitsLimit = BigInteger.One << 96;

    private static readonly Dictionary<string, int> DecimalSuffixes = new(StringComparer.Ordinal)
    {
        ["n"] = -9,
        ["u"] = -6,
        ["m"] = -3,
        [""] = 0,
        ["k"] = 3,
        ["M"] = 6,
        ["G"] = 9,
        ["T"] = 12,
        ["P"] = 15,
        ["E"] = 18,
    };

    private static readonly Dictionary<string, int> BinarySuffixes = new(StringComparer.Ordinal)
    {
        ["Ki"] = 10,
        ["Mi"] = 20,
        ["Gi"] = 30,
        ["Ti"] = 40,
        ["Pi"] = 50,
        ["Ei"] = 60,
    };

    /// <summary>Reads a quantity.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value and whether its suffix was binary; <see langword="null"/> when the text is not a quantity.</returns>
    public static (decimal Value, bool Binary)? Read(string? text)
    {
        if (string.IsNullOrEmpty(text) || SplitNumber(text) is not { } number)
        {
            return null;
        }

        var suffix = text[number.End..];
        var digits = number.Digits;
        long scale = number.FractionDigits;
        var binary = BinarySuffixes.TryGetValue(suffix, out var power);
        if (binary)
        {
            digits <<= power;
        }
        else if (Exponent(suffix) is { } exponent)
        {
            scale -= exponent;
        }
        else
        {
            return null;
        }

        return ToDecimal(digits, scale, number.Negative) is { } value ? (value, binary) : null;
    }

    private static (bool Negative, BigInteger Digits, int FractionDigits, int End)? SplitNumber(string text)
    {
        var position = text[0] is '+' or '-' ? 1 : 0;
        var integerStart = position;
        position = SkipDigits(text, position);
        var integerPart = text[integerStart..position];
        var fractionPart = "";
        if (position < text.Length && text[position] == '.')
        {
            var fractionStart = position + 1;
            position = SkipDigits(text, fractionStart);
            fractionPart = text[fractionStart..position];
        }

        if (integerPart.Length == 0 && fractionPart.Length == 0)
        {
            return null;
        }

        var digits = BigInteger.Parse("0" + integerPart + fractionPart, NumberStyles.None, CultureInfo.InvariantCulture);
        return (text[0] == '-', digits, fractionPart.Length, position);
    }

    private static int SkipDigits(string text, int position)
    {
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>The power of ten of a decimal suffix or an exponent (<c>e3</c>, <c>E-2</c>, a 32-bit integer as the API reads it).</summary>
    private static int? Exponent(string suffix)
    {
        if (DecimalSuffixes.TryGetValue(suffix, out var power))
        {
            return power;
        }

        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return null;
        }

        var exponent = suffix[1..];
        var digitsStart = exponent[0] is '+' or '-' ? 1 : 0;
        return SkipDigits(exponent, digitsStart) == exponent.Length && exponent.Length > digitsStart
            && int.TryParse(exponent, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
    }

    /// <summary>The value <paramref name="digits"/> × 10^-<paramref name="scale"/>, rounded up to a nano-unit, or <see langword="null"/> when a decimal cannot hold it.</summary>
    private static decimal? ToDecimal(BigInteger digits, long scale, bool negative)
    {
        if (digits.IsZero)
        {
            return 0m;
        }

        if (scale > NanoScale)
        {
            digits = DivideRoundingUp(digits, scale - NanoScale);
            scale = NanoScale;
        }
        else if (scale < 0)
        {
            if (DigitCount(digits) - scale > DigitCount(DecimalDigitsLimit))
            {
                return null;
            }

            digits *= BigInteger.Pow(10, (int)-scale);
            scale = 0;
        }

        while (scale > 0 && (digits % 10).IsZero)
        {
            digits /= 10;
            scale--;
        }

        return digits < DecimalDigitsLimit ? Compose(digits, (byte)scale, negative) : null;
    }

    /// <summary>Divides by 10^<paramref name="power"/>, rounding any remainder up, without computing huge powers.</summary>
    private static BigInteger DivideRoundingUp(BigInteger digits, long power)
    {
        if (power > DigitCount(digits))
        {
            return BigInteger.One;
        }

        var quotient = BigInteger.DivRem(digits, BigInteger.Pow(10, (int)power), out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    private static int DigitCount(BigInteger digits) => digits.ToString(CultureInfo.InvariantCulture).Length;

    private static decimal Compose(BigInteger digits, byte scale, bool negative)
    {
        var mask = new BigInteger(uint.MaxValue);
        var low = (int)(uint)(digits & mask);
        var middle = (int)(uint)((digits >> 32) & mask);
        var high = (int)(uint)((digits >> 64) & mask);
        return new decimal(low, middle, high, negative, scale);
    }
}
