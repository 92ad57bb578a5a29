using Kueueleuleu.Registry.Authentication;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class CredentialKeyringTests
{
    // key in the secret, image, whether the kubelet uses the key's credential for the image
    [Theory]
    [InlineData("https://index.docker.io/v1/", "busybox", true)]
    [InlineData("https://index.docker.io/v1/", "docker.io/library/busybox:1.36", true)]
    [InlineData("https://index.docker.io/v1/", "someone/app", true)]
    [InlineData("https://index.docker.io/v1/", "index.docker.io/someone/app", true)]
    [InlineData("https://index.docker.io/v1/", "ghcr.io/someone/app", false)]
    [InlineData("index.docker.io", "busybox", true)]
    [InlineData("docker.io", "busybox", true)]
    [InlineData("docker.io", "someone/app:v1", true)]
    [InlineData("registry-1.docker.io", "busybox", false)]
    [InlineData("ghcr.io", "ghcr.io/org/app", true)]
    [InlineData("https://ghcr.io", "ghcr.io/org/app", true)]
    [InlineData("http://ghcr.io/v2/", "ghcr.io/org/app", true)]
    [InlineData("GHCR.io", "ghcr.io/org/app", true)]
    [InlineData("ghcr.io", "docker.io/ghcr.io", false)]
    [InlineData("ghcr.io/org", "ghcr.io/org/app", true)]
    [InlineData("ghcr.io/org", "ghcr.io/other/app", false)]
    [InlineData("ghcr.io/org", "ghcr.io/organization/app", true)] // the kubelet compares paths as strings
    [InlineData("localhost:5000", "localhost:5000/x", true)]
    [InlineData("localhost:5000", "localhost:5001/x", false)]
    [InlineData("localhost:5000", "localhost/x", false)]
    [InlineData("localhost", "localhost:5000/x", false)]
    [InlineData("198.18.1.1:5443", "198.18.1.1:5443/kueueleuleu-test/both:1", true)]
    [InlineData("198.18.1.1:5443", "198.18.1.1:5444/kueueleuleu-test/both:1", false)]
    [InlineData("*.example.com", "registry.example.com/team/app", true)]
    [InlineData("*.example.com", "a.b.example.com/team/app", false)]
    [InlineData("*.example.com", "example.com/team/app", false)]
    [InlineData("*.*.example.com", "a.b.example.com/team/app", true)]
    [InlineData("registry?.example.com", "registry2.example.com/app", true)]
    [InlineData("registry[0-4].example.com", "registry5.example.com/app", false)]
    [InlineData("registry[^0-4].example.com", "registry5.example.com/app", true)]
    [InlineData("*.example.com:8443", "registry.example.com:8443/app", true)]
    [InlineData("*.example.com", "registry.example.com:8443/app", false)]
    [InlineData("[::1]:5000", "[::1]:5000/app", true)]
    public void Matches_as_the_kubelet(string key, string image, bool matches)
    {
        var keyring = new CredentialKeyring([Entry(key, "user")]);
        Assert.Equal(matches, keyring.Lookup(ImageReference.Parse(image)).Count == 1);
    }

    [Fact]
    public void More_specific_keys_come_first_then_each_keys_credentials_in_order()
    {
        var keyring = new CredentialKeyring([Entry("quay.io", "host-wide"), Entry("quay.io/team", "team-1"), Entry("quay.io/team", "team-2"), Entry("quay.io/team/app", "app")]);
        Assert.Equal(["app", "team-1", "team-2", "host-wide"], keyring.Lookup(ImageReference.Parse("quay.io/team/app:1")).Select(c => c.Username));
        Assert.Equal(["host-wide"], keyring.Lookup(ImageReference.Parse("quay.io/other/app")).Select(c => c.Username));
    }

    [Fact]
    public void Docker_hub_credentials_are_the_fallback_only_when_no_key_matches()
    {
        var keyring = new CredentialKeyring([Entry("https://index.docker.io/v1/", "hub"), Entry("docker.io/team", "team")]);
        Assert.Equal(["team"], keyring.Lookup(ImageReference.Parse("team/app")).Select(c => c.Username));
        Assert.Equal(["hub"], keyring.Lookup(ImageReference.Parse("other/app")).Select(c => c.Username));
    }

    [Fact]
    public void Like_the_kubelet_a_localhost_image_without_port_falls_back_to_docker_hub_credentials()
    {
        // The kubelet's "default registry" test only looks for '.' or ':' in the first component; the node's pull sends
        // these credentials too, so the lookup must see the same.
        var keyring = new CredentialKeyring([Entry("https://index.docker.io/v1/", "hub")]);
        Assert.Equal(["hub"], keyring.Lookup(ImageReference.Parse("localhost/app")).Select(c => c.Username));
        Assert.Empty(keyring.Lookup(ImageReference.Parse("localhost:5000/app")));
    }

    [Fact]
    public void Nothing_matches_in_an_empty_keyring()
    {
        Assert.Empty(CredentialKeyring.Empty.Lookup(ImageReference.Parse("busybox")));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "index.docker.io")]
    [InlineData("http://registry.example.com:5000/v2/", "registry.example.com:5000")]
    [InlineData("registry.example.com/", "registry.example.com")]
    [InlineData("https://registry.example.com/v1/team/", "registry.example.com/team/")]
    [InlineData("quay.io/team", "quay.io/team")]
    public void Normalizes_keys_as_the_kubelet(string key, string normalized) =>
        Assert.Equal(normalized, CredentialKeyring.NormalizeKey(key));

    private static CredentialEntry Entry(string key, string user) => new(key, new RegistryCredential(user, "pw", "test"));
}
