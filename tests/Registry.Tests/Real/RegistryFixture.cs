using Kueueleuleu.Registry.Authentication;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Kueueleuleu.Registry.Tests.Support;

namespace Kueueleuleu.Registry.Tests.Real;

/// <summary>
/// The machine's registries (hack/registry/up.sh, started on demand) and the token service of the token registry, which
/// only one process may run (it owns 198.18.1.1:5445): one per test run, shared by the classes of the collection.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    /// <summary>A second account of the token service: known, but without access to <see cref="RestrictedOnToken"/>.</summary>
    public const string Outsider = "outsider";

    public const string OutsiderPassword = "outsider-password";

    /// <summary>The token service grants pull on every repository but this one to anyone; this one only to the registry user.</summary>
    public const string RestrictedOnToken = "kueueleuleu-test/entrypoint-only";

    internal TokenService Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LocalRegistry.EnsureUpAsync();
        Tokens = new TokenService(
            new Dictionary<string, string> { [LocalRegistry.Username] = LocalRegistry.Password, [Outsider] = OutsiderPassword },
            (user, repository) => repository != RestrictedOnToken || user == LocalRegistry.Username);
    }

    public async Task DisposeAsync() => await Tokens.DisposeAsync();

    /// <summary>Options that trust the registries' CA, with a short retry policy so failure tests finish quickly.</summary>
    public static RegistryClientOptions Options(RetryPolicy? retry = null) => new()
    {
        TrustedCertificates = RegistryClientOptions.LoadCertificateBundle(LocalRegistry.CaCertificatePath),
        Retry = retry ?? RetryPolicy.Default,
    };

    public static ImageReference Reference(string name, LocalRegistryEndpoint registry = LocalRegistryEndpoint.Plain) =>
        ImageReference.Parse(LocalRegistry.Image(name, registry).Reference);

    public static CredentialKeyring Keyring(string key, string username, string password) =>
        new([new CredentialEntry(key, new RegistryCredential(username, password, "test"))]);

    /// <summary>The keyring of the dockerconfigjson Secret a user would create for the basic registry.</summary>
    public static CredentialKeyring BasicRegistrySecret()
    {
        Assert.True(DockerConfigReader.TryReadConfigJson(System.Text.Encoding.UTF8.GetBytes(LocalRegistry.DockerConfigJson()), "secret test/regcred", out var entries, out var error), error);
        return new CredentialKeyring(entries);
    }

    public static async Task<RegistryLookup> ResolveAsync(
        string reference, Platform? platform = null, CredentialKeyring? keyring = null, RegistryClientOptions? options = null)
    {
        using var client = new RegistryClient(options ?? Options());
        return await client.ResolveAsync(ImageReference.Parse(reference), platform ?? Platform.LinuxAmd64, keyring ?? CredentialKeyring.Empty);
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryTests : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registries";
}
