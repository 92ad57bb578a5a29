using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Cluster;

/// <summary>
/// The local registries (hack/registry/up.sh) serve the node's containerd: a Pod pulls from the basic registry with an
/// imagePullSecret and from the plain one without, and runs what the image's ENTRYPOINT and CMD say; without the
/// secret the basic registry refuses the pull.
/// </summary>
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class LocalRegistryPullTests
{
    private static readonly TimeSpan PodTimeout = TimeSpan.FromMinutes(3);
    private readonly Kubectl kubectl = Kubectl.LocalAdmin;

    [Fact]
    public async Task Pods_pull_from_the_basic_registry_with_a_pull_secret_and_from_the_plain_one_without()
    {
        await LocalClusterScripts.UpAsync();
        await LocalRegistry.EnsureUpAsync();
        var both = LocalRegistry.Image("both", LocalRegistryEndpoint.Basic);
        var cmdOnly = LocalRegistry.Image("cmd-only");
        var ns = $"registry-{Guid.NewGuid():N}"[..17];
        await CreateNamespaceAsync(ns);
        try
        {
            await kubectl.ApplyAsync(ns, PullSecret() + Pod("with-secret", both.Reference, "basic-login") +
                Pod("plain", cmdOnly.Reference, null) + Pod("without-secret", both.Reference, null));

            var withSecret = await FinishedAsync(ns, "with-secret");
            var plain = await FinishedAsync(ns, "plain");
            var refused = await PullErrorAsync(ns, "without-secret");

            AssertSucceeded(withSecret, $"{LocalRegistry.BasicHost}/{both.Repository}@{both.Digest}");
            AssertSucceeded(plain, $"{LocalRegistry.PlainHost}/{cmdOnly.Repository}@{cmdOnly.Digest}");
            Assert.Equal("entry cmd\n", await LogAsync(ns, "with-secret"));
            Assert.Equal("from-cmd\n", await LogAsync(ns, "plain"));
            Assert.Contains("401 Unauthorized", refused, StringComparison.Ordinal);
        }
        finally
        {
            await kubectl.TryRunAsync(["delete", "namespace", ns, "--wait=false"]);
        }
    }

    /// <summary>
    /// The Pod's log. Right after a very short container ended, the kubelet may still answer with an empty log (seen
    /// once in a full run), so an empty answer is asked again, within a bound.
    /// </summary>
    private async Task<string> LogAsync(string ns, string pod)
    {
        var log = "";
        await Eventually.ThatAsync(async () => (log = await kubectl.RunAsync(["-n", ns, "logs", pod])).Length > 0, TimeSpan.FromSeconds(30), $"the log of Pod {pod}");
        return log;
    }

    private async Task CreateNamespaceAsync(string ns)
    {
        await kubectl.CreateNamespaceAsync(ns);
        // Kubernetes 1.20 admits Pods only once the default ServiceAccount has its token Secret.
        await Eventually.ThatAsync(
            async () => (await kubectl.RunAsync(["-n", ns, "get", "secrets", "-o", "name"])).Contains("default-token", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the default ServiceAccount token of " + ns);
    }

    private static string PullSecret() => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: basic-login
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: {Convert.ToBase64String(Encoding.UTF8.GetBytes(LocalRegistry.DockerConfigJson()))}
        ---

        """;

    // No command: the container runs the image's ENTRYPOINT and CMD. Always: the kubelet asks the registry every time,
    // so an image left in the node by an earlier run proves nothing.
    private static string Pod(string name, string image, string? pullSecret) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: Never
          {(pullSecret is null ? "" : $"imagePullSecrets: [{{name: {pullSecret}}}]")}
          containers:
          - name: main
            image: {image}
            imagePullPolicy: Always
        ---

        """;

    private async Task<JsonObject> FinishedAsync(string ns, string name)
    {
        JsonObject? pod = null;
        await Eventually.ThatAsync(
            async () =>
            {
                pod = await kubectl.GetJsonAsync(ns, "pod/" + name);
                if ((string?)pod["status"]?["phase"] is "Succeeded" or "Failed")
                {
                    return true;
                }

                // A pull that keeps failing is reported with the kubelet's words when time runs out.
                var waiting = pod["status"]?["containerStatuses"]?[0]?["state"]?["waiting"];
                return waiting is null
                    ? false
                    : throw new InvalidOperationException($"Pod {name} waits: {waiting["reason"]}: {waiting["message"]}");
            },
            PodTimeout, $"Pod {name} to finish");
        return pod!;
    }

    // The kubelet's Event about the failed pull (the Pod's own waiting message says only "Back-off" between retries).
    private async Task<string> PullErrorAsync(string ns, string name)
    {
        var message = "";
        await Eventually.ThatAsync(
            async () =>
            {
                var events = await kubectl.GetJsonAsync(ns, "events");
                message = events["items"]!.AsArray()
                    .Where(e => (string?)e!["involvedObject"]!["name"] == name && (string?)e["reason"] == "Failed")
                    .Select(e => (string?)e!["message"] ?? "")
                    .FirstOrDefault(m => m.StartsWith("Failed to pull image", StringComparison.Ordinal)) ?? "";
                return message.Length > 0;
            },
            PodTimeout, $"the kubelet's Event that Pod {name} failed to pull its image");
        return message;
    }

    /// <summary>
    /// The Pod succeeded with the image of that digest. containerd names an image by the first reference it was pulled
    /// under, and the registries serve the same images, so only the digest is compared, not the registry host.
    /// </summary>
    private static void AssertSucceeded(JsonObject pod, string imageId)
    {
        var status = pod["status"]!;
        Assert.Equal("Succeeded", (string?)status["phase"]);
        Assert.EndsWith(imageId[imageId.IndexOf('@', StringComparison.Ordinal)..], (string?)status["containerStatuses"]![0]!["imageID"], StringComparison.Ordinal);
    }
}
