namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// Matches one dot-separated part of a host name against a pattern as Go's <c>filepath.Match</c> does, which is what
/// the kubelet uses for credential keys: <c>*</c> any run of characters, <c>?</c> one character, <c>[a-z]</c> and
/// <c>[^0-9]</c> classes, <c>\</c> escapes.
/// </summary>
internal static class HostGlob
{
    public static bool Matches(string pattern, string text) => Match(pattern.AsSpan(), text.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    var rest = pattern[1..];
                    for (var skip = 0; skip <= text.Length; skip++)
                    {
                        if (Match(rest, text[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case '[':
                    if (text.IsEmpty || !MatchClass(ref pattern, text[0]))
                    {
                        return false;
                    }

                    text = text[1..];
                    continue;
                case '\\' when pattern.Length > 1:
                    pattern = pattern[1..];
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
                default:
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.IsEmpty;
    }

    /// <summary>Matches a class at the start of the pattern and moves the pattern past it.</summary>
    private static bool MatchClass(ref ReadOnlySpan<char> pattern, char c)
    {
        var close = pattern.IndexOf(']');
        if (close < 0)
        {
            pattern = [];
            return false;
        }

        var body = pattern[1..close];
        pattern = pattern[(close + 1)..];
        var negated = body.Length > 0 && body[0] == '^';
        if (negated)
        {
            body = body[1..];
        }

        var matched = false;
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                matched |= c >= body[i] && c <= body[i + 2];
                i += 2;
            }
            else
            {
                matched |= c == body[i];
            }
        }

        return matched != negated;
    }
}
