using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kueueleuleu.Entities.Json;

/// <summary>
/// Writes times as Kubernetes does (RFC 3339 in UTC with a <c>Z</c>, <c>2025-01-02T03:04:05Z</c>; fractions of a
/// second only when there are some) and reads any RFC 3339 time.
/// </summary>
public sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            return time;
        }

        throw new JsonException($"'{text}' is not an RFC 3339 time such as 2025-01-02T03:04:05Z");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Formats a time as RFC 3339 in UTC, with a fraction only when it is not zero.</summary>
    /// <param name="value">The time.</param>
    /// <returns>Such as <c>2025-01-02T03:04:05Z</c> or <c>2025-01-02T03:04:05.25Z</c>.</returns>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
