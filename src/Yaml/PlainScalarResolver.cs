using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Types an untagged plain scalar exactly as kubectl does (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1 flavour):
/// a fixed table of booleans and nulls, Go's base-prefixed integers, a permissive float syntax, and strings for
/// everything else (timestamps included, because go-yaml v2 hands them to JSON as strings).
/// </summary>
internal static partial class PlainScalarResolver
{
    private static readonly FrozenDictionary<string, ResolvedScalar> Table = BuildTable();

    /// <summary>Resolves <paramref name="value"/> as an untagged plain scalar.</summary>
    public static ResolvedScalar Resolve(string value)
    {
        if (Table.TryGetValue(value, out var known))
        {
            return known;
        }

        return value[0] switch
        {
            '.' => ResolveDotFloat(value),
            '+' or '-' or (>= '0' and <= '9') => ResolveNumber(value),
            _ => ResolvedScalar.Str(value),
        };
    }

    private static FrozenDictionary<string, ResolvedScalar> BuildTable()
    {
        var table = new Dictionary<string, ResolvedScalar>(StringComparer.Ordinal);
        foreach (var word in new[] { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" })
        {
            table[word] = ResolvedScalar.Bool(true);
        }

        foreach (var word in new[] { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" })
        {
            table[word] = ResolvedScalar.Bool(false);
        }

        foreach (var word in new[] { string.Empty, "~", "null", "Null", "NULL" })
        {
            table[word] = ResolvedScalar.Null;
        }

        // JSON has no infinities or NaN: kubectl fails on them too, so they are errors rather than strings.
        foreach (var word in new[] { ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF" })
        {
            table[word] = ResolvedScalar.Fail($"`{word}` is not a number JSON can represent; quote it if a string is meant");
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // go-yaml v2 hands scalars starting with '.' straight to strconv.ParseFloat.
    private static ResolvedScalar ResolveDotFloat(string value) =>
        DotFloat().IsMatch(value) ? FloatOrString(value, value) : ResolvedScalar.Str(value);

    private static ResolvedScalar ResolveNumber(string value)
    {
        // go-yaml v2 strips every underscore before trying integers and floats.
        var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (GoInteger.TryParse(plain, out var integer))
        {
            return new ResolvedScalar(ScalarKind.Integer, NumberText.Integer(plain, integer));
        }

        return GoFloat().IsMatch(plain) ? FloatOrString(value, plain) : ResolvedScalar.Str(value);
    }

    // strconv.ParseFloat fails on overflow, and go-yaml v2 then keeps the scalar as a string.
    private static ResolvedScalar FloatOrString(string original, string plain) =>
        NumberText.TryFloat(plain, out var text)
            ? new ResolvedScalar(ScalarKind.Float, text)
            : ResolvedScalar.Str(original);

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GoFloat();
}
