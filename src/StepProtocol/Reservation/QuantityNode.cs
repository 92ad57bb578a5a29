using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Reservation;

/// <summary>
/// The text of a quantity as a manifest holds it: a string (<c>"500m"</c>), or a number where YAML or JSON wrote one
/// unquoted (<c>cpu: 2</c>), which the API server accepts as well.
/// </summary>
internal static class QuantityNode
{
    /// <summary>The text of <paramref name="node"/>, or <see langword="null"/> when it is neither a string nor a number.</summary>
    public static string? Of(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
