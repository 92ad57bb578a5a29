using System.Text.Json;

namespace Kueueleuleu.Registry;

/// <summary>
/// The error document of the distribution API (<c>{"errors": [{"code": "MANIFEST_UNKNOWN", "message": "…"}]}</c>),
/// summarized for messages. Anything else yields <see langword="null"/>: an error page is not worth quoting.
/// </summary>
internal static class RegistryErrorBody
{
    private const int MaxLength = 300;

    public static string? Describe(ReadOnlyMemory<byte> content)
    {
        if (content.IsEmpty)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var parts = errors.EnumerateArray()
                .Where(error => error.ValueKind == JsonValueKind.Object)
                .Select(error => string.Join(": ", new[] { Text(error, "code"), Text(error, "message") }.Where(part => part.Length > 0)))
                .Where(part => part.Length > 0)
                .ToList();
            var text = string.Join("; ", parts);
            return text.Length == 0 ? null : text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
