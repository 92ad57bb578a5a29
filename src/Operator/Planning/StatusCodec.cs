using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Converts a status between its stored JSON and <see cref="SequentialJobStatus"/>, and compares statuses by meaning:
/// both sides go through the same encoder and are sorted, so time formats (<c>.000Z</c> or not), property order and
/// fields the operator does not write make no difference.
/// </summary>
internal static class StatusCodec
{
    /// <summary>Decodes a stored status; <see langword="null"/> when absent or unreadable.</summary>
    public static SequentialJobStatus? Decode(JsonObject? status)
    {
        if (status is null)
        {
            return null;
        }

        try
        {
            return status.Deserialize(SequentialJobJson.Status);
        }
        catch (JsonException)
        {
            // An unreadable status is rewritten from what the Job and Pods say, as if there were none.
            return null;
        }
    }

    /// <summary>Encodes a status the way the operator writes it.</summary>
    public static JsonObject Encode(SequentialJobStatus status) =>
        JsonSerializer.SerializeToNode(status, SequentialJobJson.Status)!.AsObject();

    /// <summary>
    /// Whether a stored status (as <see cref="Decode"/> read it, once per reconcile) already says what the encoded
    /// <paramref name="next"/> says.
    /// </summary>
    public static bool SameMeaning(SequentialJobStatus? stored, JsonObject next) =>
        stored is not null && JsonNode.DeepEquals(CanonicalJson.Sort(Encode(stored)), CanonicalJson.Sort(next));
}
