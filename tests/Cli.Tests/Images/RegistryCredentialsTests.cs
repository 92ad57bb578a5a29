using System.Text;
using Kueueleuleu.Cli.Images;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>
/// Which auth file an image's credentials come from, with real files in a temporary home: the first file holding a
/// credential for the registry wins, in Podman's order; empty entries, credential helpers and broken files.
/// </summary>
public sealed class RegistryCredentialsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("kueueleuleu-auth").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string RuntimeFile => Path.Combine(_home, "run", "containers", "auth.json");

    private string ConfigFile => Path.Combine(_home, ".config", "containers", "auth.json");

    private string DockerFile => Path.Combine(_home, ".docker", "config.json");

    private string LegacyFile => Path.Combine(_home, ".dockercfg");

    [Fact]
    public void The_first_file_with_a_credential_for_the_registry_wins()
    {
        Write(RuntimeFile, Auths(("a.example", "runtime")));
        Write(ConfigFile, Auths(("a.example", "config"), ("b.example", "config")));
        Write(DockerFile, Auths(("a.example", "docker"), ("b.example", "docker"), ("c.example:5000", "docker")));
        Write(LegacyFile, "{\"https://d.example/v1/\": {\"auth\": \"" + Basic("legacy") + "\"}}");
        var credentials = Credentials();

        Assert.Equal(("runtime", RuntimeFile), Used(credentials, "a.example/team/app:1"));
        Assert.Equal(("config", ConfigFile), Used(credentials, "b.example/app"));
        Assert.Equal(("docker", DockerFile), Used(credentials, "c.example:5000/app@sha256:" + new string('a', 64)));
        Assert.Equal(("legacy", LegacyFile), Used(credentials, "d.example/app"));
        Assert.Null(Used(credentials, "e.example/app"));
    }

    [Fact]
    public void REGISTRY_AUTH_FILE_and_the_flag_take_the_first_place()
    {
        var named = Path.Combine(_home, "named.json");
        var flagged = Path.Combine(_home, "flagged.json");
        Write(named, Auths(("a.example", "named")));
        Write(flagged, Auths(("a.example", "flagged")));
        Write(RuntimeFile, Auths(("a.example", "runtime")));
        Write(ConfigFile, Auths(("a.example", "config")));

        Assert.Equal(("named", named), Used(Credentials(("REGISTRY_AUTH_FILE", named)), "a.example/app"));
        Assert.Equal(("flagged", flagged), Used(Credentials(authFile: flagged, extra: ("REGISTRY_AUTH_FILE", named)), "a.example/app"));
    }

    [Fact]
    public void An_empty_entry_does_not_stop_the_search_and_a_credential_store_is_named()
    {
        // What docker login leaves with a credsStore: the entry is empty, the secret is in the helper.
        Write(RuntimeFile, """{"auths": {"a.example": {}}, "credsStore": "desktop"}""");
        Write(DockerFile, Auths(("a.example", "docker")));

        Assert.Equal(("docker", DockerFile), Used(Credentials(), "a.example/app"));

        File.Delete(DockerFile);
        var choice = Credentials().For(ImageReference.Parse("a.example/app"));
        Assert.DoesNotContain(choice.Keyring.Lookup(ImageReference.Parse("a.example/app")), c => !c.IsAnonymous);
        Assert.Contains($"{RuntimeFile} keeps its credentials in the credential store 'desktop' (credsStore), which kueueleuleu does not run", choice.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_helper_for_the_registry_ends_the_search_as_in_Podman_and_is_named()
    {
        Write(RuntimeFile, """{"auths": {}, "credHelpers": {"gcr.io": "gcloud"}}""");
        Write(DockerFile, Auths(("gcr.io", "docker")));

        var choice = Credentials().For(ImageReference.Parse("gcr.io/team/app:1"));

        Assert.Empty(choice.Keyring.Lookup(ImageReference.Parse("gcr.io/team/app:1")));
        Assert.Contains($"{RuntimeFile} keeps the credentials for gcr.io in the credential helper 'gcloud' (credHelpers), which kueueleuleu does not run", choice.Advice, StringComparison.Ordinal);
        Assert.Contains("--authfile", choice.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_file_on_the_way_is_an_error_naming_it_and_the_field()
    {
        Write(ConfigFile, """{"auths": {"a.example": {"auth": "not base64!"}}}""");
        Write(DockerFile, Auths(("a.example", "docker")));

        var choice = Credentials().For(ImageReference.Parse("a.example/app"));

        Assert.NotNull(choice.Error);
        Assert.Contains(ConfigFile, choice.Error, StringComparison.Ordinal);
        Assert.Contains("auths[\"a.example\"].auth", choice.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_file_the_advice_lists_where_it_looked()
    {
        var choice = Credentials().For(ImageReference.Parse("a.example/app"));

        Assert.Null(choice.Error);
        Assert.Contains($"found no credentials file (it looks in {RuntimeFile}, {ConfigFile}, {DockerFile}, {LegacyFile})", choice.Advice, StringComparison.Ordinal);
        Assert.Contains("podman login a.example", choice.Advice, StringComparison.Ordinal);
    }

    private RegistryCredentials Credentials((string Name, string Value)? extra = null, string? authFile = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = _home,
            ["XDG_RUNTIME_DIR"] = Path.Combine(_home, "run"),
        };
        if (extra is { } variable)
        {
            environment[variable.Name] = variable.Value;
        }

        return new RegistryCredentials(AuthFileLocations.Search(environment.GetValueOrDefault, 1000, authFile));
    }

    private RegistryCredentials Credentials((string Name, string Value) extra) => Credentials(extra, null);

    private static (string User, string Source)? Used(RegistryCredentials credentials, string image)
    {
        var reference = ImageReference.Parse(image);
        var choice = credentials.For(reference);
        Assert.Null(choice.Error);
        return choice.Keyring.Lookup(reference).FirstOrDefault(c => !c.IsAnonymous) is { } credential ? (credential.Username, credential.Source) : null;
    }

    private static string Auths(params (string Key, string User)[] entries) =>
        "{\"auths\": {" + string.Join(", ", entries.Select(e => $"\"{e.Key}\": {{\"auth\": \"{Basic(e.User)}\"}}")) + "}}";

    private static string Basic(string user) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:secret-of-{user}"));

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
