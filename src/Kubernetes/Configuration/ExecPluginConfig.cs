namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>The <c>users[].user.exec</c> section of a kubeconfig: a command that prints an <c>ExecCredential</c>.</summary>
/// <param name="ApiVersion"><c>client.authentication.k8s.io/v1</c> or <c>client.authentication.k8s.io/v1beta1</c>.</param>
/// <param name="Command">The program; a relative path with a directory part was already resolved against the kubeconfig's directory.</param>
/// <param name="Args">The arguments.</param>
/// <param name="Environment">Extra environment variables for the command.</param>
/// <param name="ProvideClusterInfo">Whether <c>KUBERNETES_EXEC_INFO</c> carries the cluster's server and CA.</param>
public sealed record ExecPluginConfig(
    string ApiVersion,
    string Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    bool ProvideClusterInfo)
{
    /// <summary>The v1 API version of ExecCredential.</summary>
    public const string V1 = "client.authentication.k8s.io/v1";

    /// <summary>The v1beta1 API version of ExecCredential.</summary>
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    /// <summary>Whether this client can talk to a plugin of <paramref name="apiVersion"/>.</summary>
    /// <param name="apiVersion">The configured API version.</param>
    /// <returns>True for v1 and v1beta1.</returns>
    public static bool IsSupported(string apiVersion) => apiVersion is V1 or V1Beta1;
}
