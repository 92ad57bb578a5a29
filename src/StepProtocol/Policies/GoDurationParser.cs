namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>
/// Parses Go's duration syntax (<c>time.ParseDuration</c>): an optional sign and a sequence of decimal numbers,
/// each with an optional fraction and a unit, such as <c>300ms</c>, <c>1.5h</c> or <c>2h45m</c>.
/// The entrypoint parses the same text with Go, so accepting exactly Go's language avoids a step the converter
/// accepts but the entrypoint rejects at run time.
/// </summary>
public static class GoDurationParser
{
    /// <summary>The units Go accepts, in nanoseconds. Both micro signs (U+00B5 and U+03BC) are Go's.</summary>
    private static readonly Dictionary<string, decimal> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1m,
        ["us"] = 1_000m,
        ["\u00b5s"] = 1_000m,
        ["\u03bcs"] = 1_000m,
        ["ms"] = 1_000_000m,
        ["s"] = 1_000_000_000m,
        ["m"] = 60m * 1_000_000_000m,
        ["h"] = 3600m * 1_000_000_000m,
    };

    /// <summary>The syntax reminder appended to every error.</summary>
    public const string SyntaxHint =
        "use Go duration syntax: numbers with units ns, us, \u00b5s, ms, s, m, h, for example 30s, 1.5m or 1h30m";

    /// <summary>Parses a Go duration.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The duration when the text is valid.</param>
    /// <param name="error">Why the text is not valid; <see langword="null"/> when it is.</param>
    /// <returns>Whether the text is a valid Go duration (of any sign).</returns>
    public static bool TryParse(string text, out GoDuration duration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        error = Parse(text, out var nanoseconds);
        if (error is not null)
        {
            return false;
        }

        duration = new GoDuration(text, nanoseconds);
        return true;
    }

    /// <summary>Parses a Go duration that must be longer than zero, as a step timeout must be.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The duration when the text is valid and positive.</param>
    /// <param name="error">Why the text is not accepted; <see langword="null"/> when it is.</param>
    /// <returns>Whether the text is a valid positive Go duration.</returns>
    public static bool TryParsePositive(string text, out GoDuration duration, out string? error)
    {
        if (!TryParse(text, out duration, out error))
        {
            return false;
        }

        if (duration.Nanoseconds > 0)
        {
            return true;
        }

        error = $"'{text}' is not longer than zero; a timeout must be positive, for example 30s";
        return false;
    }

    private static string? Parse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        var position = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            position = 1;
        }

        if (string.Equals(text[position..], "0", StringComparison.Ordinal))
        {
            return null;
        }

        if (position == text.Length)
        {
            return Invalid(text, "it is empty");
        }

        var total = 0m;
        while (position < text.Length)
        {
            var problem = ParseTerm(text, ref position, out var term);
            if (problem is not null)
            {
                return Invalid(text, problem);
            }

            total += term;
            if (total > long.MaxValue)
            {
                return Invalid(text, TooLong);
            }
        }

        nanoseconds = (long)decimal.Truncate(total) * (negative ? -1 : 1);
        return null;
    }

    private const string TooLong = "it is too long (at most about 292 years)";

    /// <summary>Parses one <c>number[.fraction]unit</c> term starting at <paramref name="position"/>.</summary>
    private static string? ParseTerm(string text, ref int position, out decimal nanoseconds)
    {
        nanoseconds = 0;
        var whole = TakeDigits(text, ref position);
        var fraction = string.Empty;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            fraction = TakeDigits(text, ref position);
        }

        if (whole.Length == 0 && fraction.Length == 0)
        {
            return "a number is expected before each unit";
        }

        // More than 19 integer digits cannot fit in a duration whatever the unit (Go rejects them too).
        if (whole.Length > 19)
        {
            return TooLong;
        }

        var unit = TakeUnit(text, ref position);
        if (unit.Length == 0)
        {
            return "a unit is missing after a number";
        }

        if (!Units.TryGetValue(unit, out var scale))
        {
            return $"'{unit}' is not a unit";
        }

        var value = Digits(whole) + Fraction(fraction);
        if (value > long.MaxValue / scale)
        {
            return TooLong;
        }

        nanoseconds = value * scale;
        return null;
    }

    private static string TakeDigits(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private static string TakeUnit(string text, ref int position)
    {
        // As in Go, a unit is everything up to the next digit or dot.
        var start = position;
        while (position < text.Length && !char.IsAsciiDigit(text[position]) && text[position] != '.')
        {
            position++;
        }

        return text[start..position];
    }

    private static decimal Digits(string digits)
    {
        var value = 0m;
        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static decimal Fraction(string digits)
    {
        // Digits beyond the 20th are below a nanosecond for every unit; Go drops them too.
        var kept = digits.Length > 20 ? digits[..20] : digits;
        var value = Digits(kept);
        for (var i = 0; i < kept.Length; i++)
        {
            value /= 10;
        }

        return value;
    }

    private static string Invalid(string text, string problem) =>
        $"'{text}' is not a duration: {problem}; {SyntaxHint}";
}
