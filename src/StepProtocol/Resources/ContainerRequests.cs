using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// What one container requests, as the API server stores it: a resource with a limit and no request gets the limit
/// as its request (the server's defaulting), so a manifest read before it reaches the server counts the same.
/// </summary>
internal static class ContainerRequests
{
    /// <summary>The requests of a container, with missing requests defaulted to their limits.</summary>
    /// <param name="container">The container as JSON.</param>
    /// <returns>The requests.</returns>
    public static ResourceList Of(JsonObject container)
    {
        var requests = JsonRead.At(container, "resources", "requests") as JsonObject;
        var limits = JsonRead.At(container, "resources", "limits") as JsonObject;
        var result = ResourceList.Read(requests);
        foreach (var (name, limit) in limits ?? [])
        {
            if (requests?[name] is null)
            {
                result.Add(name, ResourceList.QuantityOf(limit));
            }
        }

        return result;
    }
}
