using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Reconciliation;

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

    /// <summary>The lower-case hex SHA-256 of the canonical text, cut to <paramref name="length"/> digits.</summary>
    public static string Hash(JsonNode? node, int length)
    {
        var text = Sort(node)?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
    }
}
