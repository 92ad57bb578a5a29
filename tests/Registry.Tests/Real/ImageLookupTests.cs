using Kueueleuleu.Registry.Caching;
using Kueueleuleu.StepProtocol.ImageCommands;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Registry.Tests.Real;

/// <summary>What the client reads from the real registries for each test image of hack/registry, against what up.sh recorded.</summary>
[Collection(RegistryTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ImageLookupTests
{
    // image, registry, the argv the kubelet would run without command or args ("|" separates; "" nothing to run)
    [Theory]
    [InlineData("entrypoint-only", LocalRegistryEndpoint.Plain, "/bin/echo|from-entrypoint")]
    [InlineData("cmd-only", LocalRegistryEndpoint.Plain, "/bin/echo|from-cmd")]
    [InlineData("both", LocalRegistryEndpoint.Plain, "/bin/echo|entry|cmd")]
    [InlineData("neither", LocalRegistryEndpoint.Plain, "")]
    [InlineData("docker-v2s2", LocalRegistryEndpoint.Plain, "/bin/echo|from-docker|v2s2")]
    [InlineData("both", LocalRegistryEndpoint.Token, "/bin/echo|entry|cmd")]
    public async Task Reads_entrypoint_and_cmd_as_recorded(string name, LocalRegistryEndpoint registry, string argv)
    {
        var image = LocalRegistry.Image(name, registry);
        var lookup = await RegistryFixture.ResolveAsync(image.Reference);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(image.Digest, lookup.Image.ManifestDigest.ToString());
        Assert.Null(lookup.Image.IndexDigest);
        Assert.Equal(image.Entrypoint, lookup.Image.Config.Entrypoint);
        Assert.Equal(image.Cmd, lookup.Image.Config.Cmd);
        var command = EffectiveCommand.Resolve(lookup.Image.Config.Entrypoint, lookup.Image.Config.Cmd, null);
        Assert.Equal(argv.Length == 0 ? [] : argv.Split('|'), command.Argv);
        Assert.Equal(argv.Length > 0, command.Succeeded);
    }

    [Theory]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64")]
    [InlineData("linux/arm64/v8")]
    public async Task Chooses_the_platforms_manifest_from_an_index(string platform)
    {
        var image = LocalRegistry.Image("multi");
        var entry = image.Platforms.Single(p => platform.StartsWith(p.Platform, StringComparison.Ordinal));
        var lookup = await RegistryFixture.ResolveAsync(image.Reference, Platform.Parse(platform));

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(image.Digest, lookup.Image.IndexDigest?.ToString());
        Assert.Equal(entry.Digest, lookup.Image.ManifestDigest.ToString());
        Assert.Equal(entry.Cmd, lookup.Image.Config.Cmd);
        Assert.Equal(entry.Platform, lookup.Image.Platform?.ToString());
    }

    [Fact]
    public async Task A_platform_the_index_lacks_is_named_with_what_it_offers()
    {
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("multi").Reference, Platform.Parse("linux/s390x"));

        Assert.False(lookup.Succeeded);
        Assert.Equal(RegistryFailureKind.NoMatchingPlatform, lookup.Failure.Kind);
        Assert.Contains("no manifest for linux/s390x; it offers linux/amd64, linux/arm64", lookup.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_by_digest_reads_that_manifest()
    {
        var image = LocalRegistry.Image("cmd-only");
        var lookup = await RegistryFixture.ResolveAsync(image.ReferenceByDigest);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(image.Digest, lookup.Image.ManifestDigest.ToString());
        Assert.Equal(["/bin/echo", "from-cmd"], lookup.Image.Config.Cmd);
    }

    [Fact]
    public async Task A_tag_and_digest_reference_reads_by_digest()
    {
        var both = LocalRegistry.Image("both");
        var cmdOnly = LocalRegistry.Image("cmd-only");
        // The tag names another image on purpose: containerd pulls by the digest.
        var lookup = await RegistryFixture.ResolveAsync($"{LocalRegistry.PlainHost}/{both.Repository}:does-not-exist@{both.Digest}");

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(both.Digest, lookup.Image.ManifestDigest.ToString());
        Assert.NotEqual(cmdOnly.Digest, lookup.Image.ManifestDigest.ToString());
    }

    [Fact]
    public async Task A_missing_tag_is_not_found_with_the_registrys_words()
    {
        var lookup = await RegistryFixture.ResolveAsync($"{LocalRegistry.PlainHost}/{LocalRegistry.RepositoryPrefix}/both:no-such-tag");

        Assert.Equal(RegistryFailureKind.NotFound, lookup.Failure?.Kind);
        Assert.Contains("has no manifest kueueleuleu-test/both:no-such-tag (404, MANIFEST_UNKNOWN: manifest unknown). Check the image's name and tag", lookup.Failure!.Message, StringComparison.Ordinal);
        var attempt = Assert.Single(lookup.Failure.Attempts);
        Assert.Equal(404, attempt.Status);
        Assert.EndsWith("/v2/kueueleuleu-test/both/manifests/no-such-tag", attempt.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_repository_is_not_found()
    {
        var lookup = await RegistryFixture.ResolveAsync($"{LocalRegistry.PlainHost}/{LocalRegistry.RepositoryPrefix}/never-pushed:1");

        // Distribution 2.8 answers MANIFEST_UNKNOWN here too (the specification also allows NAME_UNKNOWN).
        Assert.Equal(RegistryFailureKind.NotFound, lookup.Failure?.Kind);
        Assert.Contains("has no manifest kueueleuleu-test/never-pushed:1 (404, MANIFEST_UNKNOWN", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_lookup_is_answered_from_the_cache()
    {
        var cache = new ImageConfigCache();
        using var client = new RegistryClient(RegistryFixture.Options(), cache);
        var reference = RegistryFixture.Reference("both");

        var first = await client.ResolveAsync(reference, Platform.LinuxAmd64, CredentialKeyring.Empty);
        var second = await client.ResolveAsync(reference, Platform.LinuxAmd64, CredentialKeyring.Empty);
        var byDigest = await client.ResolveAsync(reference.WithDigest(first.Image!.ManifestDigest), Platform.LinuxAmd64, CredentialKeyring.Empty);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.True(byDigest.FromCache);
        Assert.Equal(first.Image.Config, second.Image!.Config);
    }
}
