using System.Text;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.TestSupport;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>
/// <c>convert</c> against the machine's real registries (hack/registry): steps without command run what their image's
/// ENTRYPOINT and CMD say, read from the registry for the Pod's platform, pinned to the digest that was read; every
/// way the lookup fails is an error naming the document, the field, the image and what was tried, with nothing on
/// standard output. Expected values come from the registries' images.json, never from the recipes.
/// </summary>
[Collection(LocalRegistries.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ConvertLookupTests : IDisposable
{
    private readonly LookupRun _run = new();

    public void Dispose() => _run.Dispose();

    private static LocalRegistryImage Plain(string name) => LocalRegistry.Image(name);

    private static string Step(string name, string image, string extra = "") =>
        $"{{name: {name}, image: {image}{(extra.Length == 0 ? "" : ", " + extra)}}}";

    [Fact]
    public void Steps_without_command_run_ENTRYPOINT_then_args_or_CMD_pinned_to_the_digest_read()
    {
        _run.Convert(LookupRun.Job(
            "j",
            "",
            Step("eo", Plain("entrypoint-only").Reference),
            Step("co", Plain("cmd-only").Reference),
            Step("both", Plain("both").Reference),
            Step("args", Plain("both").Reference, "args: [mine, $(HOME), '$$x']"),
            Step("v2s2", Plain("docker-v2s2").Reference),
            Step("given", Plain("cmd-only").Reference, "command: [/bin/true]")));

        foreach (var (step, name) in new[] { ("eo", "entrypoint-only"), ("co", "cmd-only"), ("both", "both"), ("v2s2", "docker-v2s2") })
        {
            var image = Plain(name);
            Assert.Equal([.. image.Entrypoint ?? [], .. image.Cmd ?? []], _run.Argv(step));
            Assert.Equal($"{image.Reference}@{image.Digest}", _run.Image(step));
        }

        Assert.Equal(["/bin/echo", "entry", "cmd"], _run.Argv("both"));
        // The step's args replace CMD and keep their $(VAR) for the kubelet; ENTRYPOINT stays.
        Assert.Equal([.. Plain("both").Entrypoint!, "mine", "$(HOME)", "$$x"], _run.Argv("args"));
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", Plain("docker-v2s2").MediaType);
        // A step with a command is neither looked up nor pinned.
        Assert.Equal(["/bin/true"], _run.Argv("given"));
        Assert.Equal(Plain("cmd-only").Reference, _run.Image("given"));
    }

    [Fact]
    public void A_multi_platform_image_is_read_for_the_platform_the_pod_runs_on()
    {
        var multi = Plain("multi");
        var arm64 = multi.Platforms.Single(p => p.Platform == "linux/arm64");
        var amd64 = multi.Platforms.Single(p => p.Platform == "linux/amd64");
        var affinity = "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [arm64]}]}]}}}";

        _run.Convert(string.Join("---\n",
            LookupRun.Job("default", "", Step("m", multi.Reference)),
            LookupRun.Job("selector", "nodeSelector: {kubernetes.io/arch: arm64}", Step("m", multi.Reference)),
            LookupRun.Job("affinity", affinity, Step("m", multi.Reference))));

        Assert.Equal([.. amd64.Cmd!], _run.Argv("m", 0));
        Assert.Equal($"{multi.Reference}@{amd64.Digest}", _run.Image("m", 0));
        foreach (var document in new[] { 1, 2 })
        {
            Assert.Equal([.. arm64.Cmd!], _run.Argv("m", document));
            Assert.Equal($"{multi.Reference}@{arm64.Digest}", _run.Image("m", document));
        }

        // --platform decides where the spec says nothing, and only there.
        _run.Convert(string.Join("---\n",
            LookupRun.Job("default", "", Step("m", multi.Reference)),
            LookupRun.Job("selector", "nodeSelector: {kubernetes.io/arch: amd64}", Step("m", multi.Reference))), "--platform", "linux/arm64");
        Assert.Equal([.. arm64.Cmd!], _run.Argv("m", 0));
        Assert.Equal([.. amd64.Cmd!], _run.Argv("m", 1));
    }

    [Fact]
    public void A_Pod_that_may_run_on_several_architectures_is_an_error_naming_its_affinity()
    {
        var affinity = "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}]}]}}}";

        _run.Convert(LookupRun.Job("j", affinity, Step("m", Plain("multi").Reference)));

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        Assert.StartsWith(
            "<stdin>: document 1 (Job ci/j): spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]: lets the Pod run on more than one architecture",
            Assert.Single(_run.ErrorLines),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_image_is_read_with_the_auth_file_named_by_REGISTRY_AUTH_FILE()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        var authFile = _run.WriteFile("secrets/auth.json", LocalRegistry.DockerConfigJson());

        _run.TrustingTheRegistryCaInCertsD().With("REGISTRY_AUTH_FILE", authFile).Convert(LookupRun.Job("p", "", Step("p", image.Reference)));

        Assert.Equal([.. image.Cmd!], _run.Argv("p"));
        Assert.Equal($"{image.Reference}@{image.Digest}", _run.Image("p"));
    }

    [Fact]
    public void A_private_image_is_read_with_the_auth_file_and_CA_named_by_flags()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        var authFile = _run.WriteFile("elsewhere/creds.json", LocalRegistry.DockerConfigJson());
        var certDir = Path.GetDirectoryName(_run.WriteFile("my-ca/ca.crt", File.ReadAllText(LocalRegistry.CaCertificatePath)))!;

        _run.Convert(LookupRun.Job("p", "", Step("p", image.Reference)), "--authfile", authFile, "--cert-dir", certDir);

        Assert.Equal([.. image.Cmd!], _run.Argv("p"));
    }

    [Fact]
    public void Without_credentials_a_private_image_is_an_error_naming_the_image_and_unauthorized()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);

        _run.TrustingTheRegistryCaInCertsD().Convert(LookupRun.Job("p", "", Step("a", Plain("both").Reference), Step("p", image.Reference)));

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        var error = Assert.Single(_run.ErrorLines);
        Assert.StartsWith($"<stdin>: document 1 (Job ci/p): spec.template.spec.containers[1].image: the step 'p' has no command, so what its image '{image.Reference}' runs was looked up for linux/amd64, and that failed (unauthorized): ", error, StringComparison.Ordinal);
        Assert.Contains($"GET https://{LocalRegistry.BasicHost}/v2/{image.Repository}/manifests/{image.Tag}: 401", error, StringComparison.Ordinal);
        Assert.Contains($"podman login {LocalRegistry.BasicHost}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Podmans_own_file_is_searched_before_Dockers()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        var wrong = LocalRegistry.DockerConfigJson().Replace(
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalRegistry.Username}:{LocalRegistry.Password}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalRegistry.Username}:wrong-password")),
            StringComparison.Ordinal);
        var podmanFile = _run.WriteFile(".config/containers/auth.json", wrong);
        _run.WriteFile(".docker/config.json", LocalRegistry.DockerConfigJson());
        _run.TrustingTheRegistryCaInCertsD();

        _run.Convert(LookupRun.Job("p", "", Step("p", image.Reference)));

        Assert.Equal(1, _run.Code);
        Assert.Contains($"rejected user \"{LocalRegistry.Username}\" from {podmanFile}", Assert.Single(_run.ErrorLines), StringComparison.Ordinal);

        File.Delete(podmanFile);
        _run.Convert(LookupRun.Job("p", "", Step("p", image.Reference)));
        Assert.Equal([.. image.Cmd!], _run.Argv("p"));
    }

    [Fact]
    public void Credentials_kept_by_a_credential_store_are_named_when_the_registry_refuses()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        var dockerFile = _run.WriteFile(".docker/config.json", "{\"auths\": {\"" + LocalRegistry.BasicHost + "\": {}}, \"credsStore\": \"desktop\"}");

        _run.TrustingTheRegistryCaInCertsD().Convert(LookupRun.Job("p", "", Step("p", image.Reference)));

        Assert.Equal(1, _run.Code);
        var error = Assert.Single(_run.ErrorLines);
        Assert.Contains("(unauthorized)", error, StringComparison.Ordinal);
        Assert.Contains($"{dockerFile} keeps its credentials in the credential store 'desktop' (credsStore), which kueueleuleu does not run", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untrusted_CA_is_an_error_that_says_where_to_put_it()
    {
        var image = LocalRegistry.Image("both", LocalRegistryEndpoint.Basic);

        _run.Convert(LookupRun.Job("p", "", Step("p", image.Reference)));

        Assert.Equal(1, _run.Code);
        var error = Assert.Single(_run.ErrorLines);
        Assert.Contains("(unreachable)", error, StringComparison.Ordinal);
        Assert.Contains($"certs.d/{LocalRegistry.BasicHost}/ca.crt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_with_neither_ENTRYPOINT_nor_CMD_is_an_error_at_the_steps_command()
    {
        _run.Convert(LookupRun.Job("none", "", Step("none", Plain("neither").Reference)));

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        Assert.Equal(
            $"<stdin>: document 1 (Job ci/none): spec.template.spec.containers[0].command: is missing in container 'none' and its image '{Plain("neither").Reference}' sets neither ENTRYPOINT nor CMD and the step has no command or args, so there is nothing to run (the container runtime would refuse it with \"no command specified\"); give the step a command",
            Assert.Single(_run.ErrorLines));
    }

    [Fact]
    public async Task Offline_asks_no_registry_and_keeps_the_clear_error()
    {
        await using var registry = await OwnRegistry.StartAsync();

        _run.Convert(LookupRun.Job("o", "", Step("o", $"{registry.Host}/{Plain("both").Repository}:1")), "--offline");

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        var error = Assert.Single(_run.ErrorLines);
        Assert.StartsWith("<stdin>: document 1 (Job ci/o): spec.template.spec.containers[0].command: is missing in container 'o'", error, StringComparison.Ordinal);
        Assert.EndsWith("drop --offline to look it up", error, StringComparison.Ordinal);
        Assert.Equal(0, registry.ManifestRequests(Plain("both").Repository));
    }

    [Fact]
    public void A_closed_port_is_unreachable_and_nothing_is_written()
    {
        var reference = $"127.0.0.1:{ClosedPort()}/{Plain("both").Repository}:1";

        _run.Convert(LookupRun.Job("c", "", Step("a", Plain("both").Reference), Step("c", reference)));

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        var error = Assert.Single(_run.ErrorLines);
        Assert.StartsWith($"<stdin>: document 1 (Job ci/c): spec.template.spec.containers[1].image: the step 'c' has no command, so what its image '{reference}' runs was looked up for linux/amd64, and that failed (unreachable): ", error, StringComparison.Ordinal);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_stopped_after_a_run_makes_the_next_run_fail_unreachable()
    {
        await using var registry = await OwnRegistry.StartAsync();
        var reference = $"{registry.Host}/{Plain("both").Repository}:1";
        _run.Convert(LookupRun.Job("s", "", Step("s", reference)));
        Assert.Equal([.. Plain("both").Entrypoint!, .. Plain("both").Cmd!], _run.Argv("s"));

        await registry.StopAsync();
        _run.Convert(LookupRun.Job("s", "", Step("s", reference)));

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        Assert.Contains("(unreachable)", Assert.Single(_run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_image_and_platform_is_looked_up_once_per_run()
    {
        await using var registry = await OwnRegistry.StartAsync();
        var both = $"{registry.Host}/{Plain("both").Repository}:1";
        var job = LookupRun.Job("twice", "", Step("first", both), Step("second", both, "args: [other]"));
        var list = $"apiVersion: v1\nkind: List\nitems:\n- {{apiVersion: v1, kind: Pod, metadata: {{name: p}}, spec: {{restartPolicy: Never, containers: [{Step("third", both)}]}}}}\n";

        _run.Convert(string.Join("---\n", job, job, list));

        Assert.Equal(3, _run.Documents().Count);
        Assert.Equal(1, registry.ManifestRequests(Plain("both").Repository));
    }

    [Fact]
    public void A_failure_inside_a_List_names_the_item()
    {
        var reference = $"127.0.0.1:{ClosedPort()}/{Plain("both").Repository}:1";
        var list = "apiVersion: v1\nkind: List\nmetadata: {name: pods}\nitems:\n"
            + $"- {{apiVersion: v1, kind: Pod, metadata: {{name: good}}, spec: {{restartPolicy: Never, containers: [{Step("a", Plain("both").Reference)}]}}}}\n"
            + $"- {{apiVersion: v1, kind: Pod, metadata: {{name: bad}}, spec: {{restartPolicy: Never, containers: [{Step("b", reference)}]}}}}\n";

        _run.Convert(list);

        Assert.Equal(1, _run.Code);
        Assert.Equal(string.Empty, _run.Stdout);
        Assert.StartsWith("<stdin>: document 1 (List pods): items[1].spec.containers[0].image: the step 'b' has no command", Assert.Single(_run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Pin_false_keeps_the_tag_and_the_output_is_byte_stable()
    {
        var manifests = LookupRun.Job("t", "", Step("a", Plain("both").Reference), Step("b", Plain("multi").Reference));

        var pinned = _run.Convert(manifests).Stdout;
        Assert.Equal(pinned, _run.Convert(manifests).Stdout);

        _run.Convert(manifests, "--pin-images=false");
        Assert.Equal(Plain("both").Reference, _run.Image("a"));
        Assert.Equal(Plain("multi").Reference, _run.Image("b"));
        Assert.Equal(Codec.ReadOne(pinned)["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.ToJsonString(), _run.Container("a")["args"]!.ToJsonString());
    }

    [Fact]
    public async Task Plain_http_reaches_a_registry_off_loopback()
    {
        await using var registry = await OwnRegistry.StartAsync("198.18.1.1");
        var manifests = LookupRun.Job("h", "", Step("h", $"{registry.Host}/{Plain("cmd-only").Repository}:1"));

        // Off loopback the registry is asked over HTTPS, which a plain HTTP registry cannot answer.
        _run.Convert(manifests);
        Assert.Equal(1, _run.Code);
        Assert.Contains($"https://{registry.Host}", Assert.Single(_run.ErrorLines), StringComparison.Ordinal);

        _run.Convert(manifests, "--plain-http", registry.Host);
        Assert.Equal([.. Plain("cmd-only").Cmd!], _run.Argv("h"));
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
