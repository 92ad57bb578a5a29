using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Planning;

/// <summary>JSON in a canonical form: object properties sorted by name, so equal content compares and hashes equal.</summary>
internal static class CanonicalJson
{
    /// <summary>A copy of <paramref name="node"/> whose objects have their properties sorted (ordinal) at every depth.</summary>
    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// The lower-case hex SHA-256 of the canonical text, cut to <paramref name="length"/> digits. Written straight into
    /// the hash, without a sorted copy or a string: a spec of a megabyte is never copied.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="length">Hex digits to keep.</param>
    /// <param name="keepTopLevel">Which properties of a top-level object take part; null for all.</param>
    public static string Hash(JsonNode? node, int length, Func<string, bool>? keepTopLevel = null) =>
        Convert.ToHexStringLower(JsonBytes.Sha256(writer => Write(writer, node, keepTopLevel)))[..length];

    private static void Write(Utf8JsonWriter writer, JsonNode? node, Func<string, bool>? keep)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Where(p => keep?.Invoke(p.Key) ?? true).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, null);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, null);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
