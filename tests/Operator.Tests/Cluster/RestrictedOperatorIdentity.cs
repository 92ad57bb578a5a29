using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A ServiceAccount in one namespace holding the operator's rights there (config/rbac/cluster_role.yaml, through a
/// RoleBinding), optionally without the right to write SequentialJob statuses, and a kubeconfig with its token: an
/// operator that the API server refuses for real.
/// </summary>
public static class RestrictedOperatorIdentity
{
    /// <summary>Creates the identity and returns the path of its kubeconfig.</summary>
    public static async Task<string> CreateAsync(Kubectl kubectl, string ns, bool withoutStatus)
    {
        var role = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "config", "rbac", "cluster_role.yaml"));
        role = role.Replace("kind: ClusterRole", "kind: Role", StringComparison.Ordinal)
            .Replace("\n  name: kueueleuleu-operator\n", $"\n  name: restricted-operator\n  namespace: {ns}\n", StringComparison.Ordinal);
        if (withoutStatus)
        {
            role = role.Replace("  resources: [sequentialjobs/status]", "  resources: [sequentialjobs/nothing]", StringComparison.Ordinal);
        }

        await kubectl.ApplyAsync(ns, role);
        await kubectl.RunAsync(["-n", ns, "create", "serviceaccount", "restricted-operator"]);
        await kubectl.RunAsync(["-n", ns, "create", "rolebinding", "restricted-operator", "--role=restricted-operator", $"--serviceaccount={ns}:restricted-operator"]);

        // Kubernetes 1.20 creates a token Secret for every ServiceAccount.
        var token = "";
        await Eventually.ThatAsync(
            async () =>
            {
                var secrets = await kubectl.GetJsonAsync(ns, "secrets");
                var secret = secrets["items"]!.AsArray().FirstOrDefault(s =>
                    s!["type"]?.GetValue<string>() == "kubernetes.io/service-account-token"
                    && s["metadata"]!["annotations"]?["kubernetes.io/service-account.name"]?.GetValue<string>() == "restricted-operator");
                token = secret?["data"]?["token"]?.GetValue<string>() is { } data ? Encoding.UTF8.GetString(Convert.FromBase64String(data)) : "";
                return token.Length > 0;
            },
            TimeSpan.FromSeconds(60),
            "the ServiceAccount's token");

        var server = await kubectl.RunAsync(["config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}"]);
        var ca = await kubectl.RunAsync(["config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}"]);
        var path = Path.Combine(Path.GetTempPath(), $"kueueleuleu-{ns}-restricted.kubeconfig");
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = "local", ["cluster"] = new JsonObject { ["server"] = server, ["certificate-authority-data"] = ca } }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = "restricted", ["user"] = new JsonObject { ["token"] = token } }),
            ["contexts"] = new JsonArray(new JsonObject { ["name"] = "restricted", ["context"] = new JsonObject { ["cluster"] = "local", ["user"] = "restricted", ["namespace"] = ns } }),
            ["current-context"] = "restricted",
        };
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return path;
    }
}
