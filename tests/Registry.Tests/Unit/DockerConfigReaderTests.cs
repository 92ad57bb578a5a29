using System.Text;
using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class DockerConfigReaderTests
{
    private const string Source = "secret team/regcred";

    [Fact]
    public void Reads_a_dockerconfigjson_secret_as_kubectl_create_secret_docker_registry_writes_it()
    {
        // kubectl create secret docker-registry regcred --docker-server=ghcr.io --docker-username=bot --docker-password='p:a:ss'
        var body = "{\"auths\":{\"ghcr.io\":{\"username\":\"bot\",\"password\":\"p:a:ss\",\"auth\":\"Ym90OnA6YTpzcw==\"}}}";
        var entry = Assert.Single(Read(body));
        Assert.Equal("ghcr.io", entry.Key);
        Assert.Equal("bot", entry.Credential.Username);
        Assert.Equal("p:a:ss", entry.Credential.Password);
        Assert.Equal(Source, entry.Credential.Source);
    }

    [Fact]
    public void Auth_wins_over_username_and_password_as_in_the_kubelet()
    {
        var body = "{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"old\",\"password\":\"old\",\"auth\":\"" + Base64("new:secret") + "\"}}}";
        var entry = Assert.Single(Read(body));
        Assert.Equal("https://index.docker.io/v1/", entry.Key);
        Assert.Equal(("new", "secret"), (entry.Credential.Username, entry.Credential.Password));
    }

    [Fact]
    public void Reads_a_podman_auth_file_and_ignores_credential_helpers()
    {
        var body = "{\n\t\"auths\": {\n\t\t\"198.18.1.1:5443\": {\n\t\t\t\"auth\": \"" + Base64("kueueleuleu:pw") + "\"\n\t\t},\n\t\t\"quay.io/team\": {\n\t\t\t\"auth\": \"" + Base64("robot:tok") + "\"\n\t\t}\n\t},\n\t\"credHelpers\": {\"gcr.io\": \"gcloud\"}\n}";
        var entries = Read(body);
        Assert.Equal(["198.18.1.1:5443", "quay.io/team"], entries.Select(e => e.Key));
        Assert.Equal("robot", entries[1].Credential.Username);
    }

    [Fact]
    public void An_empty_entry_is_an_anonymous_credential()
    {
        // Docker Desktop leaves such entries when a credsStore keeps the secret.
        var entry = Assert.Single(Read("{\"auths\":{\"https://index.docker.io/v1/\":{}},\"credsStore\":\"desktop\"}"));
        Assert.True(entry.Credential.IsAnonymous);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"auths\":{}}")]
    [InlineData("{\"auths\":null}")]
    public void No_auths_is_no_entries(string body) => Assert.Empty(Read(body));

    [Fact]
    public void Reads_a_legacy_dockercfg()
    {
        var body = Encoding.UTF8.GetBytes("{\"registry.example.com\":{\"auth\":\"" + Base64("u:p") + "\",\"email\":\"u@example.com\"}}");
        Assert.True(DockerConfigReader.TryReadDockerCfg(body, Source, out var entries, out var error), error);
        Assert.Equal("u", Assert.Single(entries).Credential.Username);
    }

    [Theory]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}", "secret team/regcred: auths[\"ghcr.io\"].auth is not base64")]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"auth\":\"bm9jb2xvbg==\"}}}", "secret team/regcred: auths[\"ghcr.io\"].auth decodes to text without ':'")]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"username\":7}}}", "secret team/regcred: auths[\"ghcr.io\"].username is a number, not a string")]
    [InlineData("{\"auths\":{\"ghcr.io\":\"x\"}}", "secret team/regcred: auths[\"ghcr.io\"] is a string, not an object")]
    [InlineData("{\"auths\":[]}", "secret team/regcred: auths is an array, not an object")]
    [InlineData("{\"auths\":", "secret team/regcred: it is not valid JSON")]
    public void Names_the_source_and_field_of_a_mistake(string body, string message)
    {
        Assert.False(DockerConfigReader.TryReadConfigJson(Encoding.UTF8.GetBytes(body), Source, out var entries, out var error));
        Assert.Null(entries);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_never_prints_its_password()
    {
        var credential = Assert.Single(Read("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + Base64("bot:hunter2") + "\"}}}")).Credential;
        Assert.DoesNotContain("hunter2", credential.ToString(), StringComparison.Ordinal);
        Assert.Equal("user \"bot\" from secret team/regcred", credential.ToString());
    }

    private static IReadOnlyList<CredentialEntry> Read(string body)
    {
        Assert.True(DockerConfigReader.TryReadConfigJson(Encoding.UTF8.GetBytes(body), Source, out var entries, out var error), error);
        return entries;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
