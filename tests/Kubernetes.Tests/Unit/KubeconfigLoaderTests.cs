using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Config(string cluster, string server, string user, string userBody, string context, string? current, string contextExtra = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {cluster}
          cluster:
            server: {server}
        users:
        - name: {user}
          user:
        {userBody}
        contexts:
        - name: {context}
          context:
            cluster: {cluster}
            user: {user}
        {contextExtra}
        {(current is null ? "" : "current-context: " + current)}
        """;

    [Fact]
    public async Task First_file_wins_for_each_named_entry_and_for_current_context()
    {
        var first = dir.Write("a/config", Config("shared", "https://first:6443", "u", "    token: first-token", "ctx-a", "ctx-a"));
        var second = dir.Write("b/config", Config("shared", "https://second:6443", "u", "    token: second-token", "ctx-b", "ctx-b"));

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [first, second] });

        Assert.Equal(new Uri("https://first:6443"), config.Server);
        Assert.Equal("first-token", await TokenAsync(config));
        // An entry only the second file defines is still reachable.
        var viaSecond = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [first, second], Context = "ctx-b" });
        Assert.Equal(new Uri("https://first:6443"), viaSecond.Server);
    }

    [Fact]
    public async Task Current_context_comes_from_the_first_file_that_sets_it()
    {
        var first = dir.Write("a/config", Config("c1", "https://one:6443", "u1", "    token: t1", "ctx-1", null));
        var second = dir.Write("b/config", Config("c2", "https://two:6443", "u2", "    token: t2", "ctx-2", "ctx-2"));

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [first, second] });

        Assert.Equal(new Uri("https://two:6443"), config.Server);
        Assert.Equal("t2", await TokenAsync(config));
    }

    [Fact]
    public void Kubeconfig_variable_is_split_deduplicated_and_defaults_to_home()
    {
        var sep = Path.PathSeparator;
        Assert.Equal(["/a", "/b"], KubeconfigLoader.DefaultPaths($"/a{sep}{sep}/b{sep}/a", "/home/x"));
        Assert.Equal([Path.Combine("/home/x", ".kube", "config")], KubeconfigLoader.DefaultPaths(null, "/home/x"));
    }

    [Fact]
    public void Missing_files_of_a_list_are_skipped()
    {
        var real = dir.Write("config", Config("c", "https://h:1", "u", "    token: t", "x", "x"));

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [Path.Combine(dir.Path, "missing"), real] });

        Assert.Equal(new Uri("https://h:1"), config.Server);
    }

    [Fact]
    public void Namespace_comes_from_the_context_and_defaults_to_default()
    {
        var withNs = dir.Write("ns", Config("c", "https://h:1", "u", "    token: t", "x", "x", "    namespace: team-a"));
        var without = dir.Write("nons", Config("c", "https://h:1", "u", "    token: t", "x", "x"));

        Assert.Equal("team-a", KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [withNs] }).Namespace);
        Assert.Equal("default", KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [without] }).Namespace);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_directory_of_the_file_that_defines_them()
    {
        var (cert, key) = TestPki.Ec();
        dir.Write("conf/pki/ca.crt", cert);
        dir.Write("conf/pki/user.crt", cert);
        dir.Write("conf/pki/user.key", key);
        dir.Write("conf/token", "from-file\n");
        var file = dir.Write("conf/config", """
            clusters:
            - name: c
              cluster:
                server: https://h:6443
                certificate-authority: pki/ca.crt
            users:
            - name: u
              user:
                tokenFile: token
                client-certificate: pki/user.crt
                client-key: pki/user.key
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file] });

        Assert.Single(config.CertificateAuthorities!);
        var provider = Assert.IsType<TokenFileCredentialProvider>(config.Credentials);
        Assert.Equal(Path.Combine(dir.Path, "conf", "token"), provider.Path);
        var credentials = await provider.GetCredentialsAsync(default);
        Assert.Equal("from-file", credentials.BearerToken);
        Assert.True(credentials.ClientCertificate!.HasPrivateKey);
    }

    [Fact]
    public async Task Inline_data_is_decoded_for_rsa_keys_and_skip_tls_is_read()
    {
        var (cert, key) = TestPki.Rsa();
        var file = dir.Write("config", $$"""
            clusters:
            - name: c
              cluster:
                server: https://h:6443
                certificate-authority-data: {{TestPki.Base64(cert)}}
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                client-certificate-data: {{TestPki.Base64(cert)}}
                client-key-data: {{TestPki.Base64(key)}}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file] });

        Assert.True(config.SkipTlsVerify);
        var credentials = await config.Credentials.GetCredentialsAsync(default);
        Assert.Null(credentials.BearerToken);
        Assert.True(credentials.ClientCertificate!.HasPrivateKey);
    }

    [Fact]
    public void Exec_section_is_read_with_a_relative_command_resolved()
    {
        var file = dir.Write("k/config", """
            clusters:
            - name: c
              cluster: {server: "https://h:6443"}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin
                  args: [get-token, --x]
                  env: [{name: A, value: "1"}]
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var config = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file] });

        Assert.IsType<ExecCredentialProvider>(config.Credentials);
    }

    [Theory]
    [InlineData("server: ''", "clusters[name=c].cluster.server")]
    [InlineData("server: 'ftp://x'", "clusters[name=c].cluster.server")]
    [InlineData("server: https://h\n    certificate-authority-data: '%%%'", "clusters[name=c].cluster.certificate-authority-data")]
    [InlineData("server: https://h\n    certificate-authority: /nonexistent/ca.crt", "clusters[name=c].cluster.certificate-authority")]
    [InlineData("server: https://h\n    insecure-skip-tls-verify: maybe", "clusters[name=c].cluster.insecure-skip-tls-verify")]
    public void Errors_name_the_file_and_the_field(string clusterBody, string field)
    {
        var file = dir.Write("bad", $$"""
            clusters:
            - name: c
              cluster:
                {{clusterBody}}
            users:
            - name: u
              user: {token: t}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file] }));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_context_user_and_half_a_key_pair_are_clear_errors()
    {
        var file = dir.Write("c", Config("c", "https://h:1", "u", "    client-certificate: x.crt", "x", "x"));
        var noUser = dir.Write("d", Config("c", "https://h:1", "u", "    token: t", "x", "x").Replace("user: u\n", "user: ghost\n", StringComparison.Ordinal));

        Assert.Contains("no context named 'nope'", Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file], Context = "nope" })).Message, StringComparison.Ordinal);
        Assert.Contains("users[name=u].user.client-key", Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file] })).Message, StringComparison.Ordinal);
        Assert.Contains("contexts[name=x].context.user: names 'ghost'", Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [noUser] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_file_and_line()
    {
        var file = dir.Write("broken", "clusters: [\n  - name: c\n    cluster: {server: x\n");

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file] }));

        Assert.StartsWith(file + ": line ", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> TokenAsync(KubernetesClientConfiguration config) => (await config.Credentials.GetCredentialsAsync(default)).BearerToken;
}
