using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>RFC 7386 JSON merge patch, to derive fixtures from one another.</summary>
internal static class MergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject? patch)
    {
        var result = target.DeepClone().AsObject();
        foreach (var (key, value) in patch ?? [])
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject nested && result[key] is JsonObject existing)
            {
                result[key] = Apply(existing, nested);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
