using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>Grants a subject the built-in <c>admin</c> role in one namespace.</summary>
public static class Rbac
{
    public static Task GrantAdminAsync(IKubernetesClient client, string ns, string subjectKind, string subjectName) =>
        client.CreateAsync(ResourceType.RoleBindings, ns, new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "RoleBinding",
            ["metadata"] = new JsonObject { ["name"] = $"grant-{Guid.NewGuid().ToString("N")[..6]}" },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "admin" },
            ["subjects"] = new JsonArray(subjectKind == "ServiceAccount"
                ? new JsonObject { ["kind"] = "ServiceAccount", ["name"] = subjectName, ["namespace"] = ns }
                : new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = subjectKind, ["name"] = subjectName }),
        });

    /// <summary>Waits until <paramref name="client"/> may list ConfigMaps in the namespace (RBAC caches lag a little).</summary>
    public static Task WaitForAccessAsync(IKubernetesClient client, string ns) =>
        Eventually.ThatAsync(async () =>
        {
            await client.ListAsync(ResourceType.ConfigMaps, ns);
            return true;
        }, TimeSpan.FromSeconds(60), "RBAC grant effective");
}
