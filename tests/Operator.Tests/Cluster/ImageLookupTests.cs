using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// Steps without <c>command</c> against the machine's real registries (hack/registry): the operator looks each image up,
/// the Job runs exactly what the kubelet would have run, pinned to the digest that was read; failures show in the
/// SequentialJob and heal by themselves.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class ImageLookupTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Steps_without_command_run_what_their_images_say_pinned_to_the_digest_looked_up()
    {
        await LocalRegistry.EnsureUpAsync();
        await using var op = await StartAsync("images");
        var steps = new (string Step, LocalRegistryImage Image, string? Args, string Expected)[]
        {
            ("entrypoint-only", LocalRegistry.Image("entrypoint-only"), null, "from-entrypoint"),
            ("cmd-only", LocalRegistry.Image("cmd-only"), null, "from-cmd"),
            ("both", LocalRegistry.Image("both"), null, "entry cmd"),
            ("both-args", LocalRegistry.Image("both"), "[mine]", "entry mine"),
            ("docker-v2s2", LocalRegistry.Image("docker-v2s2"), null, "from-docker v2s2"),
            ("multi", LocalRegistry.Image("multi"), null, "amd64"),
            ("private", LocalRegistry.Image("both", LocalRegistryEndpoint.Basic), null, "entry cmd"),
        };
        await cluster.Kubectl.ApplyAsync(op.Namespace, PullSecret("basic-login") + Manifest("images", "basic-login", null, [.. steps.Select(s => (s.Step, s.Image.Reference, s.Args))]));

        var sjob = await WaitFinishedAsync(cluster.Kubectl, op.Namespace, "images", Bound);

        Assert.Equal("Succeeded", Phase(sjob));
        var pod = (await op.PodsAsync("images")).Single();
        foreach (var (step, image, _, expected) in steps)
        {
            // Right after a short container ended the kubelet may still answer with an empty log: asked again, bounded.
            var log = "";
            await Eventually.ThatAsync(
                async () => (log = await cluster.Kubectl.RunAsync(["-n", op.Namespace, "logs", pod["metadata"]!["name"]!.GetValue<string>(), "-c", step])).Length > 0,
                TimeSpan.FromSeconds(30),
                $"the log of step {step}");
            output.WriteLine($"{step}: {log.Trim()}");
            Assert.Equal(expected, log.Trim());
            var pinned = pod["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == step)!["image"]!.GetValue<string>();
            var digest = image.Platforms.FirstOrDefault(p => p.Platform == "linux/amd64")?.Digest ?? image.Digest;
            Assert.Equal($"{LocalRegistry.Host(image.Registry)}/{image.Repository}:{image.Tag}@{digest}", pinned);
        }
    }

    [Fact]
    public async Task A_private_image_without_credentials_shows_why_and_runs_once_its_service_account_has_them()
    {
        await LocalRegistry.EnsureUpAsync();
        await using var op = await StartAsync("images-private");
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        await cluster.Kubectl.ApplyAsync(op.Namespace, Manifest("private", null, null, [("only", image.Reference, null)]));

        var sjob = await WaitAsync(op.Namespace, "private", s => RunReason(s) == "ImageLookupFailed");
        var message = ConditionMessage(sjob, "Reconciling");
        output.WriteLine(message);
        Assert.Contains("step only", message, StringComparison.Ordinal);
        Assert.Contains(image.Reference, message, StringComparison.Ordinal);
        Assert.Matches("(?i)unauthorized|401", message);
        Assert.Contains(image.Reference, await WarningEventsAsync(op.Namespace, "private", "ImageLookupFailed"), StringComparison.Ordinal);
        Assert.NotEqual(0, (await cluster.Kubectl.TryRunAsync(["-n", op.Namespace, "get", "job", "private"])).ExitCode);

        // The kubelet also pulls with the service account's pull Secrets; so does the lookup, tried again by itself.
        await cluster.Kubectl.ApplyAsync(op.Namespace, PullSecret("basic-login"));
        await cluster.Kubectl.RunAsync(["-n", op.Namespace, "patch", "serviceaccount", "default", "-p", """{"imagePullSecrets":[{"name":"basic-login"}]}"""]);
        sjob = await WaitFinishedAsync(cluster.Kubectl, op.Namespace, "private", Bound);

        Assert.Equal("Succeeded", Phase(sjob));
    }

    [Fact]
    public async Task An_image_with_nothing_to_run_is_a_lookup_failure_naming_step_and_image()
    {
        await LocalRegistry.EnsureUpAsync();
        await using var op = await StartAsync("images-neither");
        var image = LocalRegistry.Image("neither");
        await cluster.Kubectl.ApplyAsync(op.Namespace, Manifest("neither", null, null, [("empty", image.Reference, null)]));

        var sjob = await WaitAsync(op.Namespace, "neither", s => RunReason(s) == "ImageLookupFailed");

        var message = ConditionMessage(sjob, "Reconciling");
        Assert.Contains($"step empty: image {image.Reference}", message, StringComparison.Ordinal);
        Assert.Contains("neither ENTRYPOINT nor CMD", message, StringComparison.Ordinal);
        Assert.NotEqual(0, (await cluster.Kubectl.TryRunAsync(["-n", op.Namespace, "get", "job", "neither"])).ExitCode);
    }

    [Fact]
    public async Task A_registry_that_is_down_holds_the_run_until_it_answers()
    {
        await LocalRegistry.EnsureUpAsync();
        await using var registry = ShortLivedRegistry.Stopped();
        await using var op = await StartAsync("images-down", $"--insecure-registries={registry.Host}");
        var image = LocalRegistry.Image("cmd-only");
        var reference = $"{registry.Host}/{image.Repository}:{image.Tag}";
        // The node pulls the pinned digest from the plain registry's address: the same storage, served by both.
        await cluster.Kubectl.ApplyAsync(op.Namespace, Manifest("down", null, null, [("only", reference, null)]));

        var sjob = await WaitAsync(op.Namespace, "down", s => RunReason(s) == "ImageLookupFailed");
        output.WriteLine(ConditionMessage(sjob, "Reconciling"));
        Assert.Contains(registry.Host, ConditionMessage(sjob, "Reconciling"), StringComparison.Ordinal);

        await registry.RestartAsync();
        sjob = await WaitAsync(op.Namespace, "down", s => JsonRead(s, "status", "jobName") is not null);
        Assert.NotEqual("ImageLookupFailed", RunReason(sjob));
        var job = await cluster.Kubectl.GetJsonAsync(op.Namespace, "job/down");
        Assert.Equal($"{registry.Host}/{image.Repository}:{image.Tag}@{image.Digest}", job["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tag_moved_after_the_lookup_still_runs_the_image_that_was_looked_up()
    {
        await LocalRegistry.EnsureUpAsync();
        await using var op = await StartAsync("images-moved");
        var hold = Guid.NewGuid().ToString("N")[..8];
        var moving = $"{LocalRegistry.PlainHost}/{LocalRegistry.RepositoryPrefix}/moving-{hold}:1";
        await PushAsync(LocalRegistry.Image("both").Reference, moving);
        var node = (await cluster.Kubectl.RunAsync(["get", "nodes", "-o", "jsonpath={.items[0].metadata.name}"])).Trim();
        try
        {
            // The Pod can be placed only once the node carries the label: the Job is built (the tag looked up) long before.
            await cluster.Kubectl.ApplyAsync(op.Namespace, Manifest("moved", null, $"{{kueueleuleu-test/hold: \"{hold}\"}}", [("only", moving, null)]));
            await WaitAsync(op.Namespace, "moved", s => JsonRead(s, "status", "jobName") is not null);
            await PushAsync(LocalRegistry.Image("cmd-only").Reference, moving);
            await cluster.Kubectl.RunAsync(["label", "node", node, $"kueueleuleu-test/hold={hold}"]);

            var sjob = await WaitFinishedAsync(cluster.Kubectl, op.Namespace, "moved", Bound);

            Assert.Equal("Succeeded", Phase(sjob));
            var pod = (await op.PodsAsync("moved")).Single();
            // The command is the looked-up image's either way (it is in the step's args); which image ran tells the two apart.
            var ran = pod["status"]!["containerStatuses"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "only")!["imageID"]!.GetValue<string>();
            output.WriteLine($"ran {ran}");
            Assert.EndsWith($"@{LocalRegistry.Image("both").Digest}", ran, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Kubectl.TryRunAsync(["label", "node", node, "kueueleuleu-test/hold-"]);
        }
    }

    /// <summary>Copies an image of the plain registry to another tag of it with podman (the tag then points there).</summary>
    private static async Task PushAsync(string from, string to)
    {
        foreach (var args in new[] { new[] { "pull", "-q", "--tls-verify=false", from }, ["tag", from, to], ["push", "-q", "--tls-verify=false", to] })
        {
            (await ProcessRunner.RunAsync("podman", args, timeout: TimeSpan.FromMinutes(2))).EnsureSuccess();
        }
    }

    private Task<OwnOperator> StartAsync(string area, params string[] extra) =>
        OwnOperator.StartAsync(cluster, area, [$"--registry-ca-file={LocalRegistry.CaCertificatePath}", .. extra]);

    private static string PullSecret(string name) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: {Convert.ToBase64String(Encoding.UTF8.GetBytes(LocalRegistry.DockerConfigJson()))}
        ---

        """;

    /// <summary>A SequentialJob of steps without command, in the given order, each with optional args.</summary>
    private static string Manifest(string name, string? pullSecret, string? nodeSelector, (string Step, string Image, string? Args)[] steps)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: kueueleuleu.io/v1alpha1\nkind: SequentialJob\nmetadata:\n  name: {name}\nspec:\n  backoffLimit: 0\n");
        yaml.Append("  template:\n    spec:\n      restartPolicy: Never\n      terminationGracePeriodSeconds: 1\n");
        if (pullSecret is not null)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      imagePullSecrets: [{{name: {pullSecret}}}]\n");
        }

        if (nodeSelector is not null)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      nodeSelector: {nodeSelector}\n");
        }

        yaml.Append("      containers:\n");
        foreach (var (step, image, args) in steps)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - name: {step}\n        image: {image}\n        imagePullPolicy: IfNotPresent\n");
            if (args is not null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"        args: {args}\n");
            }
        }

        return yaml.ToString();
    }

    private static string? RunReason(JsonObject sjob) => sjob["status"]?["reason"]?.GetValue<string>();

    private static string? JsonRead(JsonObject node, params string[] path)
    {
        JsonNode? current = node;
        foreach (var key in path)
        {
            current = current?[key];
        }

        return current?.GetValue<string>();
    }

    private static string ConditionMessage(JsonObject sjob, string type) =>
        sjob["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["message"]?.GetValue<string>() ?? "";

    private async Task<string> WarningEventsAsync(string ns, string name, string reason)
    {
        var list = await cluster.Kubectl.RunAsync(["-n", ns, "get", "events", "-o", "json", "--field-selector", $"involvedObject.kind=SequentialJob,involvedObject.name={name},reason={reason},type=Warning"]);
        return string.Join('\n', JsonNode.Parse(list)!["items"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
    }

    private async Task<JsonObject> WaitAsync(string ns, string name, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        try
        {
            await Eventually.ThatAsync(async () => condition(last = await cluster.Kubectl.GetJsonAsync(ns, $"sjob/{name}")), Bound, $"{ns}/{name} shows the expected state");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last?["status"]?.ToJsonString()}", e);
        }

        return last!;
    }
}
