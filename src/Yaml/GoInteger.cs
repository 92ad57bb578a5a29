using System.Numerics;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Go's <c>strconv.ParseInt(s, 0, 64)</c> followed by <c>strconv.ParseUint(s, 0, 64)</c>, which is how go-yaml v2
/// recognises integers: optional sign, <c>0x</c>/<c>0o</c>/<c>0b</c> prefixes (any case), a leading <c>0</c> for
/// octal, and the int64 range (or the uint64 range without a sign).
/// </summary>
internal static class GoInteger
{
    private static readonly BigInteger Int64Min = long.MinValue;
    private static readonly BigInteger Int64Max = long.MaxValue;
    private static readonly BigInteger UInt64Max = ulong.MaxValue;

    /// <summary>Parses <paramref name="text"/> (underscores already removed).</summary>
    public static bool TryParse(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var signed = text.Length > 0 && (text[0] == '+' || text[0] == '-');
        var negative = signed && text[0] == '-';
        var body = signed ? text[1..] : text;
        if (!TryParseMagnitude(body, out var magnitude))
        {
            return false;
        }

        value = negative ? -magnitude : magnitude;
        return signed ? value >= Int64Min && value <= Int64Max : value <= UInt64Max;
    }

    private static bool TryParseMagnitude(string body, out BigInteger magnitude)
    {
        magnitude = BigInteger.Zero;
        if (body.Length == 0)
        {
            return false;
        }

        if (body.Length > 1 && body[0] == '0')
        {
            return char.ToLowerInvariant(body[1]) switch
            {
                'x' => TryDigits(body[2..], 16, out magnitude),
                'o' => TryDigits(body[2..], 8, out magnitude),
                'b' => TryDigits(body[2..], 2, out magnitude),
                _ => TryDigits(body[1..], 8, out magnitude),
            };
        }

        return TryDigits(body, 10, out magnitude);
    }

    private static bool TryDigits(string digits, int radix, out BigInteger magnitude)
    {
        magnitude = BigInteger.Zero;
        if (digits.Length == 0 || digits.Length > 70)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = HexValue(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
