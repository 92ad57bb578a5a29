using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using static Kueueleuleu.Deploy.Tests.Tool;

namespace Kueueleuleu.Deploy.Tests;

/// <summary>
/// The operator as users install it: images built from the Dockerfile (on base-image stand-ins, hack/base-images.sh),
/// imported into the local cluster's node and installed with kubectl apply -k (hack/deploy.sh, through the overlay
/// tests/Deploy.Tests/overlay that only restricts the operator to <see cref="Tool.TestNamespace"/>). Fails, never skips,
/// when the cluster or an image cannot be made.
/// </summary>
[Trait(Needs.Trait, Needs.Cluster)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class InstallTests
{
    private const string Unwatched = TestNamespace + "-unwatched";
    private const string OperatorImage = "docker.io/kueueleuleu/operator:0.1.0";
    private const string EntrypointImage = "docker.io/kueueleuleu/entrypoint:0.1.0";

    [Fact]
    public async Task Installs_runs_the_three_step_sample_in_cluster_and_uninstalls()
    {
        await ScriptAsync(TimeSpan.FromMinutes(45), "hack/cluster/up.sh");
        await ScriptAsync(TimeSpan.FromMinutes(30), "hack/base-images.sh");
        // The steps' image (localhost/busybox:local) comes from hack/images.sh, like every other cluster suite's.
        await ScriptAsync(TimeSpan.FromMinutes(10), "hack/images.sh");
        await ScriptAsync(TimeSpan.FromMinutes(5), "hack/cluster/import-image.sh", "localhost/busybox:local");
        await RecreateNamespaceAsync(TestNamespace);
        await RecreateNamespaceAsync(Unwatched);
        try
        {
            await ScriptAsync(TimeSpan.FromMinutes(25), "hack/deploy.sh", Path.Combine(RepoRoot, "tests", "Deploy.Tests", "overlay"));

            var pods = await AssertOperatorRunsRestrictedAndReadyAsync();
            await AssertImagesAsync();
            await AssertLeaseHeldByAsync(pods);
            await AssertSampleRunsInClusterAsync(pods);
            await AssertUnwatchedNamespaceUntouchedAsync();
            await UninstallKeepingTheCrdAsync();
        }
        finally
        {
            // Whatever happened: leave no operator running in the shared cluster, and no test namespaces.
            await TryKubectlAsync("delete", "namespace", SystemNamespace, "--ignore-not-found", "--wait=false");
            await TryKubectlAsync("delete", "clusterrolebinding,clusterrole", "kueueleuleu-operator", "--ignore-not-found");
            await TryKubectlAsync("delete", "namespace", TestNamespace, Unwatched, "--ignore-not-found", "--wait=false");
        }
    }

    /// <summary>Two replicas, Ready (so /readyz answered the readiness probe), non-root, read-only root filesystem.</summary>
    private static async Task<List<string>> AssertOperatorRunsRestrictedAndReadyAsync()
    {
        var deployment = await GetJsonAsync("-n", SystemNamespace, "get", "deployment", "kueueleuleu-operator");
        Assert.Equal(2, (int)deployment["status"]!["availableReplicas"]!);
        var available = deployment["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Available");
        Assert.Equal("True", (string)available!["status"]!);

        var list = await GetJsonAsync("-n", SystemNamespace, "get", "pods", "-l", "app.kubernetes.io/name=kueueleuleu-operator");
        var pods = list["items"]!.AsArray().Select(p => p!.AsObject()).Where(p => p["metadata"]!["deletionTimestamp"] is null).ToList();
        Assert.Equal(2, pods.Count);
        var imageId = (await RunAsync("podman", ["image", "inspect", "--format", "{{.Id}}", OperatorImage], TimeSpan.FromSeconds(60))).Trim();
        foreach (var pod in pods)
        {
            var name = (string)pod["metadata"]!["name"]!;
            var spec = pod["spec"]!;
            Assert.True((bool)spec["securityContext"]!["runAsNonRoot"]!, $"{name}: runAsNonRoot");
            Assert.Equal(65532, (long)spec["securityContext"]!["runAsUser"]!);
            var container = spec["containers"]!.AsArray().Single()!;
            Assert.Equal(OperatorImage, (string)container["image"]!);
            Assert.Contains("--namespaces=" + TestNamespace, container["args"]!.AsArray().Select(a => (string)a!));
            var security = container["securityContext"]!;
            Assert.True((bool)security["readOnlyRootFilesystem"]!, $"{name}: readOnlyRootFilesystem");
            Assert.False((bool)security["allowPrivilegeEscalation"]!, $"{name}: allowPrivilegeEscalation");
            Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(d => (string)d!));
            Assert.Equal("/readyz", (string)container["readinessProbe"]!["httpGet"]!["path"]!);

            Assert.Equal("Running", (string)pod["status"]!["phase"]!);
            var ready = pod["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Ready");
            Assert.True((string)ready!["status"]! == "True", $"{name} is not Ready: {ready.ToJsonString()}");
            var status = pod["status"]!["containerStatuses"]!.AsArray().Single()!;
            Assert.True((bool)status["ready"]!, $"{name}: container not ready");
            // A crash (for instance a write to the read-only root) would show as a restart.
            Assert.Equal(0, (int)status["restartCount"]!);
            Assert.EndsWith(imageId, (string)status["imageID"]!, StringComparison.Ordinal);
        }

        // The logs are the operator's JSON lines, and nothing was refused (a 403 would mean the RBAC is short).
        foreach (var pod in pods)
        {
            var logs = await KubectlAsync("-n", SystemNamespace, "logs", (string)pod["metadata"]!["name"]!);
            Assert.NotEmpty(logs);
            Assert.All(logs.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("{", line, StringComparison.Ordinal));
            Assert.DoesNotContain("Forbidden", logs, StringComparison.Ordinal);
            // The image leaves the listen address to --listen-address (no ASPNETCORE_HTTP_PORTS or _URLS to compete).
            Assert.DoesNotContain("Overriding address", logs, StringComparison.Ordinal);
            Assert.Contains("Now listening on: http://0.0.0.0:8080", logs, StringComparison.Ordinal);
        }

        return pods.Select(p => (string)p["metadata"]!["name"]!).ToList();
    }

    /// <summary>The images themselves are non-root, not only the manifest.</summary>
    private static async Task AssertImagesAsync()
    {
        async Task<string> Inspect(string image, string format) =>
            (await RunAsync("podman", ["image", "inspect", "--format", format, image], TimeSpan.FromSeconds(60))).Trim();

        Assert.Equal("65532:65532", await Inspect(OperatorImage, "{{.Config.User}}"));
        // The native executable (NativeAOT), not `dotnet app.dll`: no .NET runtime in the image.
        Assert.Equal("[/app/kueueleuleu-operator]", await Inspect(OperatorImage, "{{.Config.Entrypoint}}"));
        Assert.Contains("DOTNET_EnableDiagnostics=0", await Inspect(OperatorImage, "{{.Config.Env}}"), StringComparison.Ordinal);
        Assert.Equal("65532:65532", await Inspect(EntrypointImage, "{{.Config.User}}"));
        Assert.Equal("[/entrypoint]", await Inspect(EntrypointImage, "{{.Config.Entrypoint}}"));
        Assert.Equal("[copy /kueueleuleu]", await Inspect(EntrypointImage, "{{.Config.Cmd}}"));
        // FROM scratch: one layer, the binary.
        Assert.Equal("1", await Inspect(EntrypointImage, "{{len .RootFS.Layers}}"));
    }

    /// <summary>Leader election works in-cluster: the Lease in kueueleuleu-system is held by one of the Pods.</summary>
    private static async Task AssertLeaseHeldByAsync(List<string> pods)
    {
        string holder = "";
        await EventuallyAsync(
            async () =>
            {
                var (exit, stdout, _) = await TryKubectlAsync("-n", SystemNamespace, "get", "lease", "kueueleuleu-operator", "-o", "jsonpath={.spec.holderIdentity}");
                holder = stdout;
                return exit == 0 && pods.Any(p => stdout.StartsWith(p, StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(60),
            $"the Lease held by one of {string.Join(", ", pods)} (holder '{holder}')");
    }

    private static async Task AssertSampleRunsInClusterAsync(List<string> pods)
    {
        var sample = Path.Combine(RepoRoot, "config", "samples", "sequentialjob-three-steps.yaml");
        await KubectlAsync("-n", TestNamespace, "apply", "-f", sample);
        await KubectlAsync("-n", Unwatched, "apply", "-f", sample);
        var (exit, stdout, stderr) = await TryRunAsync("kubectl", ["-n", TestNamespace, "wait", "--for=condition=Complete", "sequentialjob/three-steps", "--timeout=240s"], TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            var state = await TryKubectlAsync("-n", TestNamespace, "get", "sequentialjob,jobs,pods,events", "-o", "wide");
            Assert.Fail($"three-steps did not complete: {stdout}{stderr}\n{state.Stdout}{state.Stderr}");
        }

        var sjob = await GetJsonAsync("-n", TestNamespace, "get", "sequentialjob", "three-steps");
        var status = sjob["status"]!;
        Assert.Equal("Succeeded", (string)status["phase"]!);
        var steps = status["steps"]!.AsArray().Select(s => s!).ToList();
        Assert.Equal(["build", "test", "publish"], steps.Select(s => (string)s["name"]!));
        foreach (var step in steps)
        {
            Assert.Equal("Succeeded", (string)step["state"]!);
            Assert.Equal(0, (int)step["exitCode"]!);
        }

        // In order: each step started after the previous one finished.
        for (var i = 1; i < steps.Count; i++)
        {
            var previousEnd = DateTimeOffset.Parse((string)steps[i - 1]["finishedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
            var start = DateTimeOffset.Parse((string)steps[i]["startedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(start >= previousEnd, $"{steps[i]["name"]} started at {start:O}, before {steps[i - 1]["name"]} finished at {previousEnd:O}");
        }

        var podName = (string)status["podName"]!;
        // The step's own output, after the entrypoint's "waiting for test" line.
        var publishLog = (await KubectlAsync("-n", TestNamespace, "logs", podName, "-c", "publish")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("published built", publishLog[^1]);

        // The entrypoint image the operator injected is the one just built and imported.
        var pod = await GetJsonAsync("-n", TestNamespace, "get", "pod", podName);
        var init = pod["spec"]!["initContainers"]!.AsArray().Select(c => c!).Single(c => (string)c["name"]! == "kueueleuleu-init");
        Assert.Equal("kueueleuleu/entrypoint:0.1.0", (string)init["image"]!);

        // It was the in-cluster operator that did it: its Events name one of the Pods as the reporting instance.
        var events = await GetJsonAsync("-n", TestNamespace, "get", "events", "--field-selector", "involvedObject.kind=SequentialJob,involvedObject.name=three-steps");
        var reporters = events["items"]!.AsArray().Select(e => (string?)e!["reportingInstance"] ?? "").Distinct().ToList();
        Assert.NotEmpty(reporters);
        Assert.All(reporters, r => Assert.True(pods.Any(p => r.StartsWith(p, StringComparison.Ordinal)), $"event reported by '{r}', not by {string.Join(", ", pods)}"));
    }

    /// <summary>The overlay's --namespaces holds: the same sample in another namespace was never picked up.</summary>
    private static async Task AssertUnwatchedNamespaceUntouchedAsync()
    {
        var sjob = await GetJsonAsync("-n", Unwatched, "get", "sequentialjob", "three-steps");
        Assert.Null(sjob["status"]?["phase"]);
        var jobs = await GetJsonAsync("-n", Unwatched, "get", "jobs");
        Assert.Empty(jobs["items"]!.AsArray());
    }

    /// <summary>
    /// The uninstall for a shared cluster: the operator's namespace and cluster RBAC go, the CRD (and with it every
    /// SequentialJob of other users) stays. docs/install.md has the full uninstall.
    /// </summary>
    private static async Task UninstallKeepingTheCrdAsync()
    {
        await RunAsync("kubectl", ["delete", "namespace", SystemNamespace, "--timeout=120s"], TimeSpan.FromSeconds(150));
        await KubectlAsync("delete", "clusterrolebinding,clusterrole", "kueueleuleu-operator");

        var gone = await TryKubectlAsync("get", "namespace", SystemNamespace);
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
        var role = await TryKubectlAsync("get", "clusterrole", "kueueleuleu-operator");
        Assert.Contains("NotFound", role.Stderr, StringComparison.Ordinal);
        await KubectlAsync("wait", "--for=condition=Established", "crd/sequentialjobs.kueueleuleu.io", "--timeout=10s");
        var kept = await GetJsonAsync("-n", TestNamespace, "get", "sequentialjob", "three-steps");
        Assert.Equal("Succeeded", (string)kept["status"]!["phase"]!);
    }

    /// <summary>Deletes a leftover of an earlier run, creates the namespace, waits for its default ServiceAccount.</summary>
    private static async Task RecreateNamespaceAsync(string ns)
    {
        await RunAsync("kubectl", ["delete", "namespace", ns, "--ignore-not-found", "--timeout=120s"], TimeSpan.FromSeconds(150));
        await KubectlAsync("create", "namespace", ns);
        // Pods are refused until the token controller made the default ServiceAccount's token (Kubernetes 1.20).
        await EventuallyAsync(
            async () => (await TryKubectlAsync("-n", ns, "get", "serviceaccount", "default", "-o", "jsonpath={.secrets[0].name}")).Stdout.Length > 0,
            TimeSpan.FromSeconds(60),
            $"the default ServiceAccount's token in {ns}");
    }
}
