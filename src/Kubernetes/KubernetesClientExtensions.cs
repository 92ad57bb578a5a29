using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes;

/// <summary>Conveniences built only on <see cref="IKubernetesClient"/>.</summary>
public static class KubernetesClientExtensions
{
    /// <summary>Lists every object, page by page (<c>limit</c> + <c>continue</c>), as one stream.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace; null for all.</param>
    /// <param name="options">Selectors; <see cref="ListOptions.Limit"/> is the page size (500 when unset).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>All objects. A <c>continue</c> token that expires mid-way throws <see cref="KubernetesGoneException"/>.</returns>
    public static async IAsyncEnumerable<JsonObject> ListAllAsync(
        this IKubernetesClient client,
        ResourceType type,
        string? ns,
        ListOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = (options ?? new ListOptions()) with { Continue = null };
        page = page with { Limit = page.Limit ?? 500 };
        do
        {
            var list = await client.ListAsync(type, ns, page, cancellationToken);
            foreach (var item in list.Items)
            {
                yield return item;
            }

            page = page with { Continue = list.Continue, ResourceVersion = null };
        }
        while (page.Continue is not null);
    }

    /// <summary>Reads one object, or null when it does not exist.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">The resource.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object or null.</returns>
    public static async Task<JsonObject?> TryGetAsync(this IKubernetesClient client, ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.GetAsync(type, ns, name, cancellationToken);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }
}
