using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Produces JSON number text for YAML numbers. Text that is already a JSON number is kept verbatim, so digits are
/// never rounded through a double; other spellings (<c>0x1F</c>, <c>+1</c>, <c>.5</c>, <c>08</c>) get the
/// shortest equivalent JSON spelling.
/// </summary>
internal static partial class NumberText
{
    /// <summary>The JSON text of an integer whose YAML text (underscores removed) is <paramref name="plain"/>.</summary>
    public static string Integer(string plain, BigInteger value) =>
        JsonNumber().IsMatch(plain) ? plain : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON text of a float, or false when it overflows a double (go-yaml v2 then keeps a string).</summary>
    public static bool TryFloat(string plain, out string text)
    {
        text = string.Empty;
        if (!double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || double.IsInfinity(parsed))
        {
            return false;
        }

        text = JsonNumber().IsMatch(plain) ? plain : Normalize(plain);
        return true;
    }

    /// <summary>Creates a JSON number node that writes exactly <paramref name="text"/>.</summary>
    public static JsonValue ToNode(string text)
    {
        using var document = JsonDocument.Parse(text);
        return JsonValue.Create(document.RootElement.Clone())!;
    }

    /// <summary>True when <paramref name="text"/> is a number in JSON's grammar.</summary>
    public static bool IsJsonNumber(string text) => JsonNumber().IsMatch(text);

    // Rewrites a YAML float such as "+.5", "1.", "007.5e3" into JSON's grammar without changing its value.
    private static string Normalize(string plain)
    {
        var match = FloatParts().Match(plain);
        var sign = match.Groups["sign"].Value == "-" ? "-" : string.Empty;
        var whole = match.Groups["whole"].Value.TrimStart('0');
        var fraction = match.Groups["fraction"].Value;
        var exponent = match.Groups["exponent"].Value;
        var dot = match.Groups["dot"].Success ? "." + (fraction.Length == 0 ? "0" : fraction) : string.Empty;
        return sign + (whole.Length == 0 ? "0" : whole) + dot + exponent;
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<whole>[0-9]*)(?<dot>\.(?<fraction>[0-9]*))?(?<exponent>[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatParts();
}
