using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Registry.Tests.Real;

/// <summary>
/// Credentials against the basic registry (htpasswd) and the token registry (bearer tokens from the tests' token
/// service): right, wrong and missing credentials, and an account that authenticates but may not pull.
/// </summary>
[Collection(RegistryTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class AuthenticationTests(RegistryFixture registries)
{
    [Fact]
    public async Task A_private_image_is_read_with_the_secrets_credentials()
    {
        var image = LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic);
        var lookup = await RegistryFixture.ResolveAsync(image.Reference, keyring: RegistryFixture.BasicRegistrySecret());

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(image.Digest, lookup.Image.ManifestDigest.ToString());
        Assert.Equal(image.Cmd, lookup.Image.Config.Cmd);
        // Anonymous first, then the credential in answer to the Basic challenge, then (already authorized) the config.
        Assert.Equal([401, 200, 200], lookup.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task Without_credentials_the_basic_registry_is_unauthorized_and_says_what_to_add()
    {
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic).Reference);

        Assert.Equal(RegistryFailureKind.Unauthorized, lookup.Failure?.Kind);
        Assert.Contains("requires a user name and password (401, Basic)", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("No supplied credentials match 198.18.1.1:5443: add an image pull secret", lookup.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_unauthorized_and_names_the_user_not_the_password()
    {
        var keyring = RegistryFixture.Keyring(LocalRegistry.BasicHost, LocalRegistry.Username, "wrong-password");
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic).Reference, keyring: keyring);

        Assert.Equal(RegistryFailureKind.Unauthorized, lookup.Failure?.Kind);
        Assert.Contains("rejected user \"kueueleuleu\" from test (401", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", lookup.Failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_tried_in_the_kubelets_order_until_one_works()
    {
        var keyring = new CredentialKeyring(
        [
            new CredentialEntry(LocalRegistry.BasicHost, new RegistryCredential(LocalRegistry.Username, LocalRegistry.Password, "host-wide")),
            new CredentialEntry($"{LocalRegistry.BasicHost}/{LocalRegistry.RepositoryPrefix}", new RegistryCredential(LocalRegistry.Username, "stale", "team")),
        ]);
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("private-only", LocalRegistryEndpoint.Basic).Reference, keyring: keyring);

        Assert.True(lookup.Succeeded, lookup.ToString());
        // The more specific (stale) entry first: challenge, rejected; then the host-wide one: challenge, manifest, config.
        Assert.Equal([401, 401, 401, 200, 200], lookup.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task The_token_registry_gives_anonymous_pulls_a_token()
    {
        var image = LocalRegistry.Image("cmd-only", LocalRegistryEndpoint.Token);
        var before = registries.Tokens.Requests.Count;
        var lookup = await RegistryFixture.ResolveAsync(image.Reference);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(image.Cmd, lookup.Image.Config.Cmd);
        var request = registries.Tokens.Requests.Skip(before).First(r => r.Scope == "repository:kueueleuleu-test/cmd-only:pull");
        Assert.Equal((null, 200), (request.User, request.Status));
    }

    [Fact]
    public async Task The_token_registry_reads_a_restricted_image_with_the_right_credentials()
    {
        var keyring = RegistryFixture.Keyring(LocalRegistry.TokenHost, LocalRegistry.Username, LocalRegistry.Password);
        var lookup = await RegistryFixture.ResolveAsync(Restricted(), keyring: keyring);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(["/bin/echo", "from-entrypoint"], lookup.Image.Config.Entrypoint);
    }

    [Fact]
    public async Task The_token_registry_without_credentials_is_unauthorized()
    {
        var lookup = await RegistryFixture.ResolveAsync(Restricted());

        Assert.Equal(RegistryFailureKind.Unauthorized, lookup.Failure?.Kind);
        Assert.Contains("requires credentials to pull kueueleuleu-test/entrypoint-only (401, insufficient_scope", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_service_rejecting_a_password_is_unauthorized()
    {
        var keyring = RegistryFixture.Keyring(LocalRegistry.TokenHost, LocalRegistry.Username, "wrong-password");
        var lookup = await RegistryFixture.ResolveAsync(Restricted(), keyring: keyring);

        Assert.Equal(RegistryFailureKind.Unauthorized, lookup.Failure?.Kind);
        Assert.Contains($"the token service {LocalRegistry.TokenRealm} rejected user \"kueueleuleu\" from test (401, UNAUTHORIZED: invalid user name or password). Check the user name and password.", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_pull_access_is_denied()
    {
        var keyring = RegistryFixture.Keyring(LocalRegistry.TokenHost, RegistryFixture.Outsider, RegistryFixture.OutsiderPassword);
        var lookup = await RegistryFixture.ResolveAsync(Restricted(), keyring: keyring);

        Assert.Equal(RegistryFailureKind.Denied, lookup.Failure?.Kind);
        Assert.Contains("accepted user \"outsider\" from test but their token does not allow pulling kueueleuleu-test/entrypoint-only", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("grant it access or use other credentials", lookup.Failure.Message, StringComparison.Ordinal);
    }

    private static string Restricted() => LocalRegistry.Image("entrypoint-only", LocalRegistryEndpoint.Token).Reference;
}
