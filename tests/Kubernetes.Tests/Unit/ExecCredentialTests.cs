using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class ExecCredentialTests
{
    [Theory]
    [InlineData(ExecPluginConfig.V1)]
    [InlineData(ExecPluginConfig.V1Beta1)]
    public void Token_and_expiration_are_read(string api)
    {
        var credential = ExecCredential.Parse(
            $$$"""{"apiVersion":"{{{api}}}","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2026-05-01T10:00:00Z"}}""", api, "plugin");

        Assert.Equal("abc", credential.Token);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), credential.Expiration);
    }

    [Fact]
    public void Client_certificate_pair_is_read()
    {
        var (cert, key) = TestPki.Ec();
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = ExecPluginConfig.V1,
            ["kind"] = "ExecCredential",
            ["status"] = new System.Text.Json.Nodes.JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key },
        }.ToJsonString();

        var credential = ExecCredential.Parse(json, ExecPluginConfig.V1, "plugin");

        Assert.Null(credential.Token);
        Assert.Null(credential.Expiration);
        Assert.True(PemCredentials.LoadClientCertificate(credential.ClientCertificatePem!, credential.ClientKeyPem!, "t").HasPrivateKey);
    }

    [Theory]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}""", "apiVersion")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"Other","status":{"token":"x"}}""", "kind")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}""", "status is missing")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}""", "neither token")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x"}}""", "both")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x","expirationTimestamp":"soon"}}""", "expirationTimestamp")]
    [InlineData("not json", "not JSON")]
    public void Invalid_output_is_a_clear_error(string output, string expected)
    {
        var error = Assert.Throws<KubeconfigException>(() => ExecCredential.Parse(output, ExecPluginConfig.V1, "my-plugin"));

        Assert.Contains("my-plugin", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_caches_until_expiry_and_reruns_after_invalidation()
    {
        using var dir = new TempDirectory();
        var counter = Path.Combine(dir.Path, "runs");
        // The plugin echoes what it was told through KUBERNETES_EXEC_INFO and the env, and counts its runs.
        var plugin = dir.WriteExecutable("plugin.sh", $$$"""
            #!/bin/sh
            echo run >> {{{counter}}}
            n=$(wc -l < {{{counter}}})
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s-%s","expirationTimestamp":"2026-01-01T01:00:00Z"}}' "$GREETING" "$1" "$n"
            """);
        var time = new ManualTime();
        var env = new Dictionary<string, string> { ["GREETING"] = "hi" };
        using var provider = new ExecCredentialProvider(new ExecPluginConfig(ExecPluginConfig.V1, plugin, ["arg"], env, false), time: time);

        var first = await provider.GetCredentialsAsync(default);
        var cached = await provider.GetCredentialsAsync(default);
        time.Advance(TimeSpan.FromHours(2));
        var afterExpiry = await provider.GetCredentialsAsync(default);
        Assert.True(provider.Invalidate(afterExpiry));
        var afterInvalidate = await provider.GetCredentialsAsync(default);

        Assert.Equal("hi-arg-1", first.BearerToken);
        Assert.Same(first, cached);
        Assert.Equal("hi-arg-2", afterExpiry.BearerToken);
        Assert.Equal("hi-arg-3", afterInvalidate.BearerToken);
        Assert.Equal(3, provider.Runs);
    }

    [Fact]
    public async Task Exec_info_carries_the_api_version_and_cluster_when_asked()
    {
        using var dir = new TempDirectory();
        var plugin = dir.WriteExecutable("plugin.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "$(printf '%s' "$KUBERNETES_EXEC_INFO" | base64 -w0)"
            """);
        var cluster = new System.Text.Json.Nodes.JsonObject { ["server"] = "https://h:6443" };
        using var provider = new ExecCredentialProvider(new ExecPluginConfig(ExecPluginConfig.V1Beta1, plugin, [], new Dictionary<string, string>(), true), cluster);

        var token = (await provider.GetCredentialsAsync(default)).BearerToken!;
        var info = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(token))!;

        Assert.Equal(ExecPluginConfig.V1Beta1, (string?)info["apiVersion"]);
        Assert.Equal("ExecCredential", (string?)info["kind"]);
        Assert.False((bool)info["spec"]!["interactive"]!);
        Assert.Equal("https://h:6443", (string?)info["spec"]!["cluster"]!["server"]);
    }

    [Fact]
    public async Task A_failing_plugin_reports_its_exit_code_and_stderr()
    {
        using var dir = new TempDirectory();
        var plugin = dir.WriteExecutable("plugin.sh", "#!/bin/sh\necho 'login required' >&2\nexit 3\n");
        using var provider = new ExecCredentialProvider(new ExecPluginConfig(ExecPluginConfig.V1, plugin, [], new Dictionary<string, string>(), false));

        var error = await Assert.ThrowsAsync<KubeconfigException>(async () => await provider.GetCredentialsAsync(default));

        Assert.Contains("exited with code 3: login required", error.Message, StringComparison.Ordinal);
    }
}
