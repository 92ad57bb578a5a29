using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Objects;
using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Operator.Images;

/// <summary>
/// The credentials the kubelet would pull a Pod's images with: the <c>kubernetes.io/dockerconfigjson</c> (and legacy
/// <c>kubernetes.io/dockercfg</c>) Secrets named by the pod spec's <c>imagePullSecrets</c>, then by its service
/// account's. Read with <c>get</c> only (no list, no watch): the operator never sees other Secrets. A missing or
/// unreadable Secret is skipped, as the kubelet skips it.
/// </summary>
internal static class PullCredentials
{
    /// <summary>The Secret names, the Pod's first, in the kubelet's order.</summary>
    public static IReadOnlyList<string> SecretNames(JsonObject? podSpec, JsonObject? serviceAccount) =>
        [.. JsonRead.Objects(podSpec, "imagePullSecrets").Concat(JsonRead.Objects(serviceAccount, "imagePullSecrets"))
            .Select(s => JsonRead.Text(s, "name")).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The service account the Pod runs as.</summary>
    public static string ServiceAccountName(JsonObject? podSpec) =>
        JsonRead.Text(podSpec, "serviceAccountName") ?? JsonRead.Text(podSpec, "serviceAccount") ?? "default";

    /// <summary>Reads the keyring of a pod spec in <paramref name="ns"/>.</summary>
    public static async Task<CredentialKeyring> ReadAsync(IKubernetesClient client, string ns, JsonObject? podSpec, CancellationToken cancellationToken)
    {
        var account = await client.TryGetAsync(ResourceType.ServiceAccounts, ns, ServiceAccountName(podSpec), cancellationToken).ConfigureAwait(false);
        var entries = new List<CredentialEntry>();
        foreach (var name in SecretNames(podSpec, account))
        {
            var secret = await client.TryGetAsync(ResourceType.Secrets, ns, name, cancellationToken).ConfigureAwait(false);
            entries.AddRange(Entries(secret, $"secret {ns}/{name}"));
        }

        return new CredentialKeyring(entries);
    }

    private static IReadOnlyList<CredentialEntry> Entries(JsonObject? secret, string source)
    {
        var (key, json) = JsonRead.Text(secret, "type") switch
        {
            "kubernetes.io/dockerconfigjson" => (".dockerconfigjson", true),
            "kubernetes.io/dockercfg" => (".dockercfg", false),
            _ => (null, false),
        };
        if (key is null || JsonRead.Text(secret, "data", key) is not { } data)
        {
            return [];
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            return [];
        }

        var read = json
            ? DockerConfigReader.TryReadConfigJson(content, source, out var entries, out _)
            : DockerConfigReader.TryReadDockerCfg(content, source, out entries, out _);
        return read ? entries! : [];
    }

    /// <summary>A stable text naming where credentials come from, so lookups with different credentials are kept apart.</summary>
    public static string Scope(string ns, JsonObject? podSpec) =>
        new StringBuilder(ns).Append('|').Append(ServiceAccountName(podSpec)).Append('|')
            .AppendJoin(',', SecretNames(podSpec, null)).ToString();
}
