using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Chooses how a string is written so that every common YAML reader reads back the same string. Plain only when
/// the text is a string under go-yaml v2 (kubectl), the YAML 1.1 type regexes (PyYAML, older tools) and the YAML
/// 1.2 core schema, and has no syntax that plain scalars cannot carry; literal blocks for multi-line text that a
/// block can hold exactly; double quotes for everything else.
/// </summary>
internal static partial class ScalarStyleChooser
{
    /// <summary>The style for <paramref name="value"/>.</summary>
    public static ScalarStyle For(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            return CanBeLiteral(value) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        }

        return CanBePlain(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
    }

    /// <summary>True when <paramref name="value"/> can be written without quotes and still read back as itself.</summary>
    public static bool CanBePlain(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var resolved = PlainScalarResolver.Resolve(value);
        return resolved is { Kind: ScalarKind.String, Error: null } && !LooksTyped(value) && HasPlainSyntax(value);
    }

    /// <summary>True when a literal block scalar (<c>|</c>, <c>|-</c>, <c>|+</c>) holds <paramref name="value"/> exactly.</summary>
    public static bool CanBeLiteral(string value)
    {
        if (value.Length == 0 || value[^1] is ' ' or '\t')
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\n')
            {
                // Whitespace before a line break is invisible and tools strip it: not safe in a block.
                if (i > 0 && value[i - 1] is ' ' or '\t')
                {
                    return false;
                }
            }
            else if (c != '\t' && !IsPrintable(c, value, i))
            {
                return false;
            }
        }

        return true;
    }

    // YAML 1.1 types go-yaml v2 does not resolve but other readers do (sexagesimal numbers, timestamps, "=", "<<"),
    // plus the YAML 1.2 core schema.
    private static bool LooksTyped(string value) =>
        value is "<<" or "=" || Yaml11Or12Typed().IsMatch(value) || Timestamp().IsMatch(value);

    private static bool HasPlainSyntax(string value)
    {
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || IsBadFirst(value))
        {
            return false;
        }

        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        if (value[^1] == ':' || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\t' || !IsPrintable(value[i], value, i))
            {
                return false;
            }
        }

        return true;
    }

    // Indicators cannot start a plain scalar; "-" may when a non-space follows ("-c", "--flag").
    private static bool IsBadFirst(string value) =>
        value[0] switch
        {
            '-' => value.Length == 1 || value[1] == ' ',
            '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => true,
            _ => false,
        };

    // YAML's printable set, minus the characters YAML 1.1 treats as line breaks (NEL, LS, PS) and the BOM.
    private static bool IsPrintable(char c, string value, int index)
    {
        if (char.IsHighSurrogate(c))
        {
            return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index > 0 && char.IsHighSurrogate(value[index - 1]);
        }

        return c switch
        {
            >= ' ' and <= '~' => true,
            '\u0085' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' => false,
            >= '\u00A0' => true,
            _ => false,
        };
    }

    [GeneratedRegex(
        """
        ^(?:
          [-+]?(?:0|[1-9][0-9_]*)                       # decimal integers
        | [-+]?0[0-7_]+ | [-+]?0[oO][0-7_]+              # octal, YAML 1.1 and 1.2
        | [-+]?0[xX][0-9a-fA-F_]+ | [-+]?0[bB][01_]+     # hex and binary
        | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?  # YAML 1.1 sexagesimal, e.g. 12:30
        | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?  # floats
        | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+               # 1e3
        | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
        | ~ | null | Null | NULL
        | y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        )$
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11Or12Typed();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
