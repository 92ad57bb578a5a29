using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ImageReferenceTests
{
    private const string Sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // text, registry, repository, tag, digest, what is asked of the registry, API host
    public static TheoryData<string, string, string, string?, string?, string, string> Valid => new()
    {
        { "busybox", "docker.io", "library/busybox", null, null, "latest", "registry-1.docker.io" },
        { "library/busybox:1.36", "docker.io", "library/busybox", "1.36", null, "1.36", "registry-1.docker.io" },
        { "docker.io/busybox", "docker.io", "library/busybox", null, null, "latest", "registry-1.docker.io" },
        { "index.docker.io/library/busybox:latest", "docker.io", "library/busybox", "latest", null, "latest", "registry-1.docker.io" },
        { "bitnami/kubectl:1.29", "docker.io", "bitnami/kubectl", "1.29", null, "1.29", "registry-1.docker.io" },
        { "ghcr.io/org/img:v1", "ghcr.io", "org/img", "v1", null, "v1", "ghcr.io" },
        { "quay.io/a/b@" + Sha, "quay.io", "a/b", null, Sha, Sha, "quay.io" },
        { "localhost:5000/x", "localhost:5000", "x", null, null, "latest", "localhost:5000" },
        { "localhost/x:dev", "localhost", "x", "dev", null, "dev", "localhost" },
        { "127.0.0.1:5000/a/b:c", "127.0.0.1:5000", "a/b", "c", null, "c", "127.0.0.1:5000" },
        { "registry.example.com:8443/team/app:1.0@" + Sha, "registry.example.com:8443", "team/app", "1.0", Sha, Sha, "registry.example.com:8443" },
        { "[::1]:5000/a:b", "[::1]:5000", "a", "b", null, "b", "[::1]:5000" },
        { "gcr.io/distroless/static-debian12:nonroot", "gcr.io", "distroless/static-debian12", "nonroot", null, "nonroot", "gcr.io" },
        { "Registry.Example.com/a__b/c-d--e.f:Tag_1.x", "Registry.Example.com", "a__b/c-d--e.f", "Tag_1.x", null, "Tag_1.x", "Registry.Example.com" },
        { "198.18.1.1:5443/kueueleuleu-test/both:1", "198.18.1.1:5443", "kueueleuleu-test/both", "1", null, "1", "198.18.1.1:5443" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_and_normalizes_as_the_kubelet(string text, string registry, string repository, string? tag, string? digest, string asked, string apiHost)
    {
        Assert.True(ImageReference.TryParse(text, out var reference, out var error), error);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
        Assert.Equal(asked, reference.ManifestReference);
        Assert.Equal(apiHost, reference.ApiHost);
        Assert.Equal(text, reference.Text);
    }

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "the image reference is empty" },
        { "", "the image reference is empty" },
        { "Busybox", "must be lowercase" },
        { "docker.io/Library/busybox", "\"Library/busybox\" must be lowercase" },
        { "ghcr.io/Org/img:v1", "must be lowercase" },
        { "busybox:", "the tag after ':' is empty" },
        { "busybox:-x", "the tag \"-x\" is invalid" },
        { "busybox:" + new string('a', 129), "is invalid" },
        { "busybox@sha256:abc", "not a valid sha256 digest" },
        { "busybox@sha256:" + new string('A', 64), "lowercase hexadecimal" },
        { "busybox@md5:d41d8cd98f00b204e9800998ecf8427e", "only sha256 and sha512 are supported" },
        { "busybox@", "the digest is empty" },
        { "a//b", "empty path component" },
        { "ghcr.io/org/", "empty path component" },
        { "my_registry.com/x", "the registry host \"my_registry.com\" is invalid" },
        { "ghcr.io/-leading/x", "path component \"-leading\" is invalid" },
        { "ghcr.io/a..b/x", "path component \"a..b\" is invalid" },
        { "busy box", "whitespace" },
        { "busybox\n", "whitespace" },
        { "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image ID" },
        { "ghcr.io/" + new string('a', 250), "longer than 255" },
        { ":tag", "the repository name is empty" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_with_a_reason(string? text, string reason)
    {
        Assert.False(ImageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            Assert.StartsWith($"\"{text}\" is not a valid image reference: ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => ImageReference.Parse("Busybox"));
        Assert.Contains("must be lowercase", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_the_normalized_name_with_what_was_written()
    {
        Assert.Equal("docker.io/library/busybox", ImageReference.Parse("busybox").ToString());
        Assert.Equal("docker.io/library/busybox:1.36", ImageReference.Parse("busybox:1.36").ToString());
        Assert.Equal($"quay.io/a/b:v1@{Sha}", ImageReference.Parse($"quay.io/a/b:v1@{Sha}").ToString());
    }

    [Fact]
    public void Pinning_keeps_the_tag_and_asks_by_digest()
    {
        var pinned = ImageReference.Parse("ghcr.io/org/img:v1").WithDigest(ContentDigest.Parse(Sha));
        Assert.Equal("v1", pinned.Tag);
        Assert.Equal(Sha, pinned.ManifestReference);
    }
}
