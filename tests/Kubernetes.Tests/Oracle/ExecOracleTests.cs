using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// Exec credential plugins run by both clients: the corpus plugin reports the argv, environment and
/// KUBERNETES_EXEC_INFO it was given in its token.
/// </summary>
[Collection(OracleTests.Name)]
public sealed class ExecOracleTests : IDisposable
{
    private static readonly string[] Args = ["get-token", "--cluster name=prod east", "--quote=\"double\"", "it's", ""];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Our_plugin_gets_its_arguments_exactly_its_env_and_no_terminal()
    {
        var token = PluginToken.FromAuthorization((await OurSettings.LoadAsync(Corpus.File("exec-v1.yaml"))).Authorization);

        Assert.Equal(Args, token.Args);
        Assert.Equal("hello from the kubeconfig", token.Greeting);
        Assert.Equal("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}""", token.ExecInfo!.ToJsonString());
    }

    [Fact]
    public async Task Our_plugin_gets_the_cluster_info_it_asks_for_with_tls_server_name()
    {
        var token = PluginToken.FromAuthorization((await OurSettings.LoadAsync(Corpus.File("exec-v1beta1.yaml"))).Authorization);

        var cluster = token.ExecInfo!["spec"]!["cluster"]!;
        Assert.Equal("https://kubernetes.corpus.test:6443", (string?)cluster["server"]);
        Assert.Equal("api.corpus.test", (string?)cluster["tls-server-name"]);
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(Corpus.Pki("ca.crt"))), (string?)cluster["certificate-authority-data"]);
        Assert.False((bool)token.ExecInfo["spec"]!["interactive"]!);
    }

    [Fact]
    public void Interactive_mode_always_is_a_clear_error_naming_the_field()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [Corpus.File("exec-always.yaml")] }));

        Assert.Contains(Corpus.File("exec-always.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("users[name=exec-user].user.exec.interactiveMode: is Always, but this client never has a terminal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactive_mode_outside_the_three_values_is_an_error()
    {
        var file = dir.Write("config", File.ReadAllText(Corpus.File("exec-always.yaml")).Replace("interactiveMode: Always", "interactiveMode: Sometimes", StringComparison.Ordinal)
            .Replace("pki/ca.crt", Corpus.Pki("ca.crt"), StringComparison.Ordinal));

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file] }));

        Assert.Contains("exec.interactiveMode: 'Sometimes' is not one of Never, IfAvailable, Always", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Difference_the_official_client_joins_arguments_with_spaces_and_claims_a_terminal()
    {
        // Its command is taken relative to the working directory, so this copy names the plugin by absolute path.
        var file = dir.Write("config", File.ReadAllText(Corpus.File("exec-v1.yaml"))
            .Replace("command: ./plugin.sh", "command: " + Corpus.Plugin, StringComparison.Ordinal)
            .Replace("pki/ca.crt", Corpus.Pki("ca.crt"), StringComparison.Ordinal));

        var ours = PluginToken.FromAuthorization((await OurSettings.LoadAsync(file)).Authorization);
        var official = PluginToken.FromAuthorization((await OfficialSettings.LoadAsync(file)).Authorization);

        Assert.Equal(Args, ours.Args);
        // One command line re-split by the runtime: spaces split arguments, quotes vanish, the empty one is lost.
        Assert.Equal(["get-token", "--cluster", "name=prod", "east", "--quote=double", "it's"], official.Args);
        Assert.Equal(ours.Greeting, official.Greeting);
        Assert.True((bool)official.ExecInfo!["spec"]!["interactive"]!);
    }

    [Fact]
    public void Difference_the_official_client_runs_a_relative_command_from_the_working_directory()
    {
        Assert.NotEqual(Corpus.Directory, Environment.CurrentDirectory);

        Assert.ThrowsAny<Exception>(() => OfficialSettings.Build(Corpus.File("exec-v1.yaml")));
    }

    [Fact]
    public async Task Difference_interactive_mode_always_is_ignored_by_the_official_client()
    {
        var file = dir.Write("config", File.ReadAllText(Corpus.File("exec-always.yaml"))
            .Replace("command: ./plugin.sh", "command: " + Corpus.Plugin, StringComparison.Ordinal)
            .Replace("pki/ca.crt", Corpus.Pki("ca.crt"), StringComparison.Ordinal));

        Assert.Empty(PluginToken.FromAuthorization((await OfficialSettings.LoadAsync(file)).Authorization).Args);
    }
}
