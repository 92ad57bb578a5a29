using System.Text;

namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// Parses <c>WWW-Authenticate</c> values (RFC 7235): several challenges may share one value, separated by commas like
/// the parameters themselves; a parameter value is a token or a quoted string whose commas, equals signs and
/// backslash-escapes belong to the value. Registries put URLs and scopes (<c>repository:a/b:pull,push</c>) in quotes,
/// which is why a naive split on commas goes wrong.
/// </summary>
public static class ChallengeParser
{
    /// <summary>Parses the values of every <c>WWW-Authenticate</c> header of a response.</summary>
    /// <param name="values">The header values as received.</param>
    /// <returns>The challenges, in order; malformed tails are dropped, never thrown.</returns>
    public static IReadOnlyList<AuthenticationChallenge> Parse(IEnumerable<string> values) =>
        [.. values.SelectMany(Parse)];

    /// <summary>Parses one <c>WWW-Authenticate</c> value.</summary>
    /// <param name="value">The value, such as <c>Bearer realm="https://auth.example/token",service="registry"</c>.</param>
    /// <returns>The challenges, in order.</returns>
    public static IReadOnlyList<AuthenticationChallenge> Parse(string value)
    {
        var challenges = new List<AuthenticationChallenge>();
        var reader = new Reader(value);
        while (true)
        {
            reader.SkipSeparators();
            var scheme = reader.ReadToken();
            if (scheme.Length == 0)
            {
                return challenges;
            }

            challenges.Add(ReadChallenge(scheme, ref reader));
        }
    }

    private static AuthenticationChallenge ReadChallenge(string scheme, ref Reader reader)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        reader.SkipSpaces();
        if (reader.TryReadToken68(out var token68))
        {
            return new AuthenticationChallenge(scheme, parameters, token68);
        }

        while (reader.StartsParameter())
        {
            var name = reader.ReadToken();
            reader.SkipSpaces();
            reader.Expect('=');
            reader.SkipSpaces();
            var value = reader.Peek() == '"' ? reader.ReadQuoted() : reader.ReadToken();
            parameters.TryAdd(name, value);
            reader.SkipSpaces();
            if (reader.Peek() != ',')
            {
                break;
            }

            reader.Advance();
            reader.SkipSpaces();
        }

        return new AuthenticationChallenge(scheme, parameters);
    }

    private ref struct Reader(string text)
    {
        private int position;

        public readonly char Peek(int ahead = 0) => position + ahead < text.Length ? text[position + ahead] : '\0';

        public void Advance() => position++;

        public void SkipSpaces()
        {
            while (Peek() is ' ' or '\t')
            {
                position++;
            }
        }

        public void SkipSeparators()
        {
            while (Peek() is ' ' or '\t' or ',')
            {
                position++;
            }
        }

        public void Expect(char c)
        {
            if (Peek() == c)
            {
                position++;
            }
        }

        public string ReadToken()
        {
            var start = position;
            while (IsTokenChar(Peek()))
            {
                position++;
            }

            return text[start..position];
        }

        /// <summary>Whether a <c>name=</c> follows (so the next token is a parameter, not the next challenge's scheme).</summary>
        public readonly bool StartsParameter()
        {
            var i = 0;
            while (IsTokenChar(Peek(i)))
            {
                i++;
            }

            if (i == 0)
            {
                return false;
            }

            while (Peek(i) is ' ' or '\t')
            {
                i++;
            }

            return Peek(i) == '=';
        }

        /// <summary>A token68 (<c>Negotiate abc==</c>): token68 characters, then optional '=' padding, then the end or a comma.</summary>
        public bool TryReadToken68(out string token68)
        {
            token68 = "";
            var i = 0;
            while (IsToken68Char(Peek(i)))
            {
                i++;
            }

            var body = i;
            while (Peek(i) == '=')
            {
                i++;
            }

            var end = i;
            while (Peek(i) is ' ' or '\t')
            {
                i++;
            }

            if (body == 0 || Peek(i) is not ('\0' or ','))
            {
                return false;
            }

            token68 = text.Substring(position, end);
            position += i;
            return true;
        }

        public string ReadQuoted()
        {
            var value = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                value.Append(text[position]);
                position++;
            }

            // Past the closing quote, when there is one: an unterminated value ends with the text.
            position = Math.Min(position + 1, text.Length);
            return value.ToString();
        }

        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

        private static bool IsToken68Char(char c) =>
            char.IsAsciiLetterOrDigit(c) || "-._~+/".Contains(c, StringComparison.Ordinal);
    }
}
