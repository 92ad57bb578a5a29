using System.Globalization;
using System.Numerics;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Turns a typed mapping key into the JSON property name kubectl would use (sigs.k8s.io/yaml): strings as they are,
/// integers in decimal, booleans as <c>true</c>/<c>false</c> (so an unquoted <c>on:</c> key becomes
/// <c>"true"</c>, exactly as kubectl does), floats in Go's <c>%g</c> at float32 precision. Null keys are refused.
/// </summary>
internal static class KeyText
{
    /// <summary>The property name for <paramref name="key"/>, or null when a key of that type is not allowed.</summary>
    public static string? From(ResolvedScalar key) => key.Kind switch
    {
        ScalarKind.String or ScalarKind.Boolean => key.Text,
        ScalarKind.Integer => BigInteger.Parse(key.Text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ScalarKind.Float => GoFloat32(double.Parse(key.Text, CultureInfo.InvariantCulture)),
        _ => null,
    };

    // strconv.FormatFloat(v, 'g', -1, 32): shortest float32 digits, exponent form when the exponent is < -4 or >= 6.
    private static string GoFloat32(double value)
    {
        var single = (float)value;
        if (single == 0)
        {
            return float.IsNegative(single) ? "-0" : "0";
        }

        var (negative, digits, point) = Decompose(single);
        var exponent = point - 1;

        // With the shortest precision Go decides between %e and %f as if the precision were 6.
        var body = exponent < -4 || exponent >= 6 ? Scientific(digits, exponent) : Fixed(digits, point);
        return negative ? "-" + body : body;
    }

    private static (bool Negative, string Digits, int Point) Decompose(float value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        text = text.TrimStart('-');
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        return (negative, digits.Trim('0'), point - leading);
    }

    private static string Scientific(string digits, int exponent)
    {
        var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
        var sign = exponent < 0 ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{sign}{Math.Abs(exponent):00}");
    }

    private static string Fixed(string digits, int point)
    {
        if (point <= 0)
        {
            return "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length ? digits + new string('0', point - digits.Length) : $"{digits[..point]}.{digits[point..]}";
    }
}
