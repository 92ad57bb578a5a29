using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>A failure a cluster command reports as one line on standard error with exit code 1.</summary>
internal sealed class ClusterCommandException(string message) : Exception(message);

/// <summary>Turns the failures of cluster calls into one-line messages (never stack traces).</summary>
internal static class ClusterErrors
{
    /// <summary>The exit code of every reported failure.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The one-line message for an expected failure, or null for an exception that is a bug (left to the
    /// command line's internal-error handler).
    /// </summary>
    public static string? Describe(Exception exception) => exception switch
    {
        ClusterCommandException e => e.Message,
        KubeconfigException e => $"kubeconfig: {e.Message}",
        KubernetesForbiddenException e => $"forbidden: {e.Status.Message}",
        KubernetesUnauthorizedException e => $"unauthorized: the cluster refused the credentials ({e.Status.Message}); check the kubeconfig user",
        KubernetesNotFoundException e when IsMissingApi(e) => MissingApi,
        KubernetesNotFoundException e => $"not found: {e.Status.Message}",
        KubernetesApiException e => $"{(e.Status.ReasonText.Length > 0 ? e.Status.ReasonText : e.Status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {e.Status.Message}",
        HttpRequestException e => $"cannot reach the cluster: {e.Message}",
        TimeoutException e => $"the cluster did not answer in time: {e.Message}",
        IOException e => $"the connection to the cluster failed: {e.Message}",
        _ => null,
    };

    /// <summary>The message when the API server does not serve SequentialJobs.</summary>
    public const string MissingApi = "the cluster does not serve sequentialjobs.kueueleuleu.io: the kueueleuleu CRD is not installed (kubectl apply -f config/crd/)";

    /// <summary>
    /// A 404 for a missing resource type (no CRD) rather than a missing object: the server then answers with a
    /// generic "the server could not find the requested resource" and no object name in the details.
    /// </summary>
    public static bool IsMissingApi(KubernetesNotFoundException e) =>
        e.Status.Details?["name"] is null && e.Status.Message.Contains("could not find the requested resource", StringComparison.Ordinal);

    /// <summary>Rewrites a 404 for the SequentialJob <paramref name="name"/> into the usual kubectl wording.</summary>
    public static ClusterCommandException NotFound(string name, string ns) =>
        new($"sequentialjob \"{name}\" not found in namespace \"{ns}\"");
}
