using System.Text;
using System.Text.Json;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// Reads the JSON object that entrypoints before the termination line wrote
/// (<c>{"step":…,"state":…,"exitCode":…,"startedAt":…,"finishedAt":…,"message":…}</c>). In a Pod with many
/// containers the kubelet cuts it, so it is read token by token and every property complete before the cut counts.
/// </summary>
internal static class LegacyTerminationJson
{
    /// <summary>The properties that survived; <see langword="null"/> when step or state did not.</summary>
    public static TerminationMessage? Parse(string text)
    {
        var values = ReadTopLevelScalars(text);
        if (values.GetValueOrDefault("step") is not { ValueKind: JsonValueKind.String } step
            || values.GetValueOrDefault("state") is not { ValueKind: JsonValueKind.String } state)
        {
            return null;
        }

        return new TerminationMessage(
            step.GetString()!,
            state.GetString()!,
            values.GetValueOrDefault("exitCode") is { ValueKind: JsonValueKind.Number } exit && exit.TryGetInt32(out var code) ? code : null,
            Time(values, "startedAt"),
            Time(values, "finishedAt"),
            values.GetValueOrDefault("message") is { ValueKind: JsonValueKind.String } message && message.GetString() is { Length: > 0 } m ? m : null);
    }

    /// <summary>The string and number properties of the top-level object, up to where the text ends or breaks.</summary>
    private static Dictionary<string, JsonElement> ReadTopLevelScalars(string text)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        // Not the final block: running out of text in the middle of a token is then the end, not an error.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return values;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!reader.Read() || !Skip(ref reader))
                {
                    break;
                }

                if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !values.ContainsKey(name))
                {
                    values[name] = JsonElement.ParseValue(ref reader);
                }
            }
        }
        catch (JsonException)
        {
            // What was read before the break stands.
        }

        return values;
    }

    /// <summary>Skips a nested object or array; <see langword="false"/> when it is cut.</summary>
    private static bool Skip(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();

    private static DateTimeOffset? Time(Dictionary<string, JsonElement> values, string name) =>
        values.GetValueOrDefault(name) is { ValueKind: JsonValueKind.String } value ? Rfc3339.Parse(value.GetString()) : null;
}
