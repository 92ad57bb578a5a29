using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.GitOps.Tests.Support;

/// <summary>
/// Writes JSON as a Lua 5.1 table constructor, the way Argo CD hands an object to a health script: objects become
/// tables with string keys, arrays 1-based sequences, numbers numbers, booleans booleans; JSON null is left out (a Lua
/// table cannot hold nil, and Argo CD's conversion drops it too).
/// </summary>
internal static class LuaLiteral
{
    public static string Of(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("nil");
                break;
            case JsonObject map:
                text.Append('{');
                foreach (var (key, value) in map)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    text.Append('[');
                    String(text, key);
                    text.Append("]=");
                    Write(text, value);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonArray list:
                text.Append('{');
                foreach (var item in list)
                {
                    Write(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        String(text, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    case JsonValueKind.Number:
                        text.Append(value.TryGetValue<long>(out var whole)
                            ? whole.ToString(CultureInfo.InvariantCulture)
                            : value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new InvalidDataException($"unsupported JSON value {value}");
                }

                break;
        }
    }

    /// <summary>A quoted Lua string: quotes, backslashes and control characters escaped as \ddd, the rest kept (UTF-8).</summary>
    private static void String(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\' || c < ' ' || c == '\u007f')
            {
                text.Append('\\').Append(((int)c).ToString("000", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
