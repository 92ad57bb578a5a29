using Kueueleuleu.Kubernetes.Configuration;
using Official = k8s;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// Each kubeconfig of the corpus loaded by our client and by the official one: the settings must agree, except for the
/// differences docs/kubernetes-client.md lists, which are asserted here as differences.
/// </summary>
[Collection(OracleTests.Name)]
public sealed class KubeconfigOracleTests
{
    private static readonly string CorpusCa = "ca:" + Corpus.Subject("ca.crt");

    [Fact]
    public Task Client_certificate_and_ca_files_resolve_against_the_kubeconfig_directory() =>
        AgreeAsync("client-cert-files.yaml", expected: new(
            "https://kubernetes.corpus.test:6443", null, CorpusCa, Corpus.Subject("client-rsa.crt"), null, null, "default"));

    [Fact]
    public Task Inline_data_and_a_token_beside_a_certificate() =>
        AgreeAsync("client-cert-data.yaml", expected: new(
            "https://kubernetes.corpus.test:6443", null, CorpusCa, Corpus.Subject("client-ec.crt"), "Bearer token-beside-a-certificate", null, "certs"));

    [Fact]
    public Task Inline_data_wins_over_files_for_the_ca_and_the_client_certificate() =>
        AgreeAsync("ca-data-wins.yaml", expected: new(
            "https://kubernetes.corpus.test:6443", null, CorpusCa, Corpus.Subject("client-ec.crt"), null, null, "default"));

    [Fact]
    public Task Every_certificate_of_a_ca_bundle_is_trusted() =>
        AgreeAsync("ca-bundle.yaml", expected: new(
            "https://kubernetes.corpus.test:6443", null, $"{CorpusCa} | {Corpus.Subject("other-ca.crt")}", null, "Bearer bundle-token", null, "default"));

    [Fact]
    public Task Http_server_with_a_path_prefix_and_a_token() =>
        AgreeAsync("token.yaml", expected: new(
            "http://kubernetes.corpus.test:8080/k8s/clusters/c-1", null, ConnectionSettings.SystemTrust, null, "Bearer plain-token", null, "tokens"));

    [Fact]
    public Task Skip_verify_without_a_ca() =>
        AgreeAsync("skip-verify.yaml", expected: new(
            "https://kubernetes.corpus.test:6443", null, ConnectionSettings.SkipVerify, null, "Bearer skip-token", null, "default"));

    [Fact]
    public Task Tls_server_name_is_read() =>
        AgreeAsync("tls-server-name.yaml", expected: new(
            "https://127.0.0.1:6443", "kubernetes.corpus.test", CorpusCa, null, "Bearer sni-token", null, "default"));

    [Theory]
    [InlineData(null, "https://prod.corpus.test:6443", "Bearer prod-token", "team-prod")]
    [InlineData("prod", "https://prod.corpus.test:6443", "Bearer prod-token", "team-prod")]
    [InlineData("staging", "https://staging.corpus.test:6443", "Bearer staging-token", "team-staging")]
    [InlineData("staging-default-ns", "https://staging.corpus.test:6443", "Bearer staging-token", "default")]
    public Task Current_context_or_an_explicit_one_with_its_namespace(string? context, string server, string authorization, string ns) =>
        AgreeAsync("contexts.yaml", context, new(
            server, null, server.Contains("prod", StringComparison.Ordinal) ? CorpusCa : ConnectionSettings.SkipVerify, null, authorization, null, ns));

    [Fact]
    public Task Oidc_id_token_is_the_bearer_token() =>
        AgreeAsync("oidc.yaml", "live", new(
            "https://kubernetes.corpus.test:6443", null, CorpusCa, null, "Bearer " + IdToken("live"), null, "default"));

    [Fact]
    public async Task Merged_files_first_wins_for_shared_entries()
    {
        string[] files = [Corpus.File("merge/first/config"), Corpus.File("merge/second/config")];
        var expected = new ConnectionSettings("https://first.corpus.test:6443", null, CorpusCa, null, "Bearer first-token", null, "from-first");

        Assert.Equal(expected, await OurSettings.LoadAsync(files, "shared"));
        Assert.Equal(expected, await OfficialSettings.OfAsync(OfficialSettings.BuildMerged(files, "shared")));
    }

    // Documented differences (docs/kubernetes-client.md, "Differences from the official client").

    [Fact]
    public async Task Difference_unset_namespace_is_default_for_us_and_null_for_the_official_client()
    {
        Assert.Equal("default", (await OurSettings.LoadAsync(Corpus.File("skip-verify.yaml"))).Namespace);
        Assert.Null((await OfficialSettings.LoadAsync(Corpus.File("skip-verify.yaml"))).Namespace);
    }

    [Fact]
    public async Task Difference_merged_files_resolve_relative_paths_against_the_file_that_defines_them()
    {
        string[] files = [Corpus.File("merge/first/config"), Corpus.File("merge/second/config")];

        // current-context comes from the second file; its relative paths name files next to it.
        Assert.Equal(
            new ConnectionSettings("https://own.corpus.test:6443", null, "ca:" + Corpus.Subject("other-ca.crt"), Corpus.Subject("client-ec.crt"), null, null, "from-second"),
            await OurSettings.LoadAsync(files));
        // The official client resolves every relative path against the first file's directory, where they do not exist.
        Assert.ThrowsAny<Exception>(() => OfficialSettings.BuildMerged(files));
    }

    [Fact]
    public async Task Difference_token_file_is_read_by_us_and_ignored_by_the_official_client()
    {
        Assert.Equal("Bearer corpus-token-from-file", (await OurSettings.LoadAsync(Corpus.File("token-file.yaml"))).Authorization);
        var official = Assert.ThrowsAny<Exception>(() => OfficialSettings.Build(Corpus.File("token-file.yaml")));
        Assert.Contains("does not have appropriate auth credentials", official.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Difference_basic_auth_is_refused_by_us()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [Corpus.File("basic-auth.yaml")] }));
        Assert.Contains("users[name=basic-user].user.username: basic authentication is not supported", error.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionSettings.BasicAuthorization("admin", "s3cret:with colon"), (await OfficialSettings.LoadAsync(Corpus.File("basic-auth.yaml"))).Authorization);
    }

    [Fact]
    public async Task Difference_context_names_are_case_sensitive_for_us()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [Corpus.File("contexts.yaml")], Context = "prod-upper" }));
        Assert.Contains("no context named 'prod-upper'", error.Message, StringComparison.Ordinal);
        Assert.Equal("upper", (await OfficialSettings.LoadAsync(Corpus.File("contexts.yaml"), "prod-upper")).Namespace);
    }

    [Fact]
    public async Task Difference_proxy_url_is_used_by_us_and_ignored_by_the_official_client()
    {
        var ours = await OurSettings.LoadAsync(Corpus.File("proxy-url.yaml"));
        var socks = await OurSettings.LoadAsync(Corpus.File("proxy-url.yaml"), "socks-proxy");
        var official = OfficialSettings.Build(Corpus.File("proxy-url.yaml"));

        Assert.Equal("http://proxy-user:proxy-pass@proxy.corpus.test:3128", ours.Proxy);
        Assert.Equal("socks5://socks.corpus.test:1080", socks.Proxy);
        Assert.Equal(await OfficialSettings.OfAsync(official), ours with { Proxy = null, Namespace = null });
        Assert.DoesNotContain(typeof(Official.KubernetesClientConfiguration).GetProperties(), p => p.Name.Contains("Proxy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Difference_an_expired_oidc_id_token_is_an_error_for_us_and_refreshed_by_the_official_client()
    {
        var ours = KubeconfigLoader.Load(new() { Paths = [Corpus.File("oidc.yaml")], Context = "expired" });
        var error = await Assert.ThrowsAsync<KubeconfigException>(async () => await ours.Credentials.GetCredentialsAsync(default));
        Assert.Contains("users[name=expired].user.auth-provider.config.id-token: the OIDC id-token expired at 2020-01-01 00:00:00Z", error.Message, StringComparison.Ordinal);
        // The official client asks the issuer (which does not exist here) for a new token.
        var official = OfficialSettings.Build(Corpus.File("oidc.yaml"), "expired");
        var refresh = await Assert.ThrowsAnyAsync<Exception>(() => official.TokenProvider.GetAuthenticationHeaderAsync(default));
        Assert.Contains("OIDC", refresh.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Difference_an_oidc_id_token_without_a_refresh_token_is_used_by_us_and_refused_by_the_official_client()
    {
        Assert.Equal("Bearer " + IdToken("no-refresh"), (await OurSettings.LoadAsync(Corpus.File("oidc.yaml"), "no-refresh")).Authorization);
        var official = Assert.ThrowsAny<Exception>(() => OfficialSettings.Build(Corpus.File("oidc.yaml"), "no-refresh"));
        Assert.Contains("does not have appropriate auth credentials", official.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_removed_auth_providers_are_clear_errors()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [Corpus.File("oidc.yaml")], Context = "gcp" }));
        Assert.Contains("users[name=gcp].user.auth-provider.name: 'gcp' was removed", error.Message, StringComparison.Ordinal);
        Assert.Contains("gke-gcloud-auth-plugin", error.Message, StringComparison.Ordinal);
    }

    private static async Task AgreeAsync(string file, string? context = null, ConnectionSettings? expected = null)
    {
        var ours = await OurSettings.LoadAsync(Corpus.File(file), context);
        var official = await OfficialSettings.LoadAsync(Corpus.File(file), context);

        Assert.Equal(expected, ours);
        // The official client leaves an unset namespace null where we say "default" (a documented difference).
        Assert.Equal(expected, official with { Namespace = official.Namespace ?? "default" });
    }

    private static string IdToken(string user)
    {
        var text = File.ReadAllText(Corpus.File("oidc.yaml"));
        var at = text.IndexOf($"- name: {user}\n", StringComparison.Ordinal);
        var token = text.IndexOf("id-token: ", at, StringComparison.Ordinal) + "id-token: ".Length;
        return text[token..text.IndexOf('\n', token)];
    }
}
