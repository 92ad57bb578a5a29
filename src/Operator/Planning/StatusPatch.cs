using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Planning;

/// <summary>Turns a planned status into a request body for the status subresource.</summary>
internal static class StatusPatch
{
    /// <summary>
    /// A JSON merge patch (<c>application/merge-patch+json</c>) replacing the status of <paramref name="sequentialJob"/>
    /// with <paramref name="status"/>. Fields of the old status missing from the new one are set to <c>null</c>, which
    /// a merge patch reads as "remove"; arrays (steps, conditions) are replaced whole by merge patches anyway.
    /// </summary>
    /// <param name="sequentialJob">The SequentialJob the status was planned for.</param>
    /// <param name="status">The planned <see cref="ReconcilePlan.Status"/>.</param>
    /// <returns><c>{"status": {...}}</c>.</returns>
    public static JsonObject Create(JsonObject sequentialJob, JsonObject status)
    {
        ArgumentNullException.ThrowIfNull(sequentialJob);
        ArgumentNullException.ThrowIfNull(status);
        var body = status.DeepClone().AsObject();
        foreach (var (key, _) in sequentialJob["status"] as JsonObject ?? [])
        {
            if (!body.ContainsKey(key))
            {
                body[key] = null;
            }
        }

        return new JsonObject { ["status"] = body };
    }
}
