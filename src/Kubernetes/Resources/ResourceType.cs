namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>A REST resource of the API server, named by group, version and plural.</summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">The version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The plural resource name used in URLs, e.g. <c>configmaps</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, bool Namespaced)
{
    /// <summary>Core v1 Pods.</summary>
    public static ResourceType Pods { get; } = new("", "v1", "pods", true);

    /// <summary>Core v1 ConfigMaps.</summary>
    public static ResourceType ConfigMaps { get; } = new("", "v1", "configmaps", true);

    /// <summary>Core v1 Events.</summary>
    public static ResourceType Events { get; } = new("", "v1", "events", true);

    /// <summary>Core <c>secrets</c>.</summary>
    public static ResourceType Secrets { get; } = new("", "v1", "secrets", true);

    /// <summary>Core <c>limitranges</c>.</summary>
    public static ResourceType LimitRanges { get; } = new("", "v1", "limitranges", true);

    /// <summary>Core v1 Namespaces.</summary>
    public static ResourceType Namespaces { get; } = new("", "v1", "namespaces", false);

    /// <summary>Core v1 ServiceAccounts.</summary>
    public static ResourceType ServiceAccounts { get; } = new("", "v1", "serviceaccounts", true);

    /// <summary>batch/v1 Jobs.</summary>
    public static ResourceType Jobs { get; } = new("batch", "v1", "jobs", true);

    /// <summary>coordination.k8s.io/v1 Leases (leader election).</summary>
    public static ResourceType Leases { get; } = new("coordination.k8s.io", "v1", "leases", true);

    /// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitions.</summary>
    public static ResourceType CustomResourceDefinitions { get; } = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", false);

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBindings.</summary>
    public static ResourceType ClusterRoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", false);

    /// <summary>rbac.authorization.k8s.io/v1 RoleBindings.</summary>
    public static ResourceType RoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings", true);

    /// <summary>The <c>apiVersion</c> of the objects: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The URL path of the collection, e.g. <c>/apis/batch/v1/namespaces/ns/jobs</c>.</summary>
    /// <param name="ns">The namespace; ignored for cluster-scoped resources, null for all namespaces.</param>
    /// <returns>The path.</returns>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    /// <summary>The URL path of one object, optionally of a subresource such as <c>status</c>.</summary>
    /// <param name="ns">The namespace (required for namespaced resources).</param>
    /// <param name="name">The object's name.</param>
    /// <param name="subresource">The subresource, or null.</param>
    /// <returns>The path.</returns>
    public string ObjectPath(string? ns, string name, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Plural} are namespaced: a namespace is required", nameof(ns));
        }

        var path = $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <inheritdoc/>
    public override string ToString() => Group.Length == 0 ? $"{Plural}.{Version}" : $"{Plural}.{Version}.{Group}";
}
