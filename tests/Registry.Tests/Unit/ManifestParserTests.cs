using System.Text;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.Tests.Support;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ManifestParserTests
{
    // Captured from the local registry: file, media type served, config media type.
    [Theory]
    [InlineData("both.manifest.json", MediaTypes.OciManifest, MediaTypes.OciConfig)]
    [InlineData("neither.manifest.json", MediaTypes.OciManifest, MediaTypes.OciConfig)]
    [InlineData("multi-arm64.manifest.json", MediaTypes.OciManifest, MediaTypes.OciConfig)]
    [InlineData("docker-v2s2.manifest.json", MediaTypes.DockerManifest, MediaTypes.DockerConfig)]
    public void Reads_captured_image_manifests(string file, string mediaType, string configType)
    {
        var body = Fixture.Captured(file);
        Assert.True(ManifestParser.TryParse(body, Fixture.CapturedHeader(file, "Content-Type"), out var document, out var error), error);
        var manifest = Assert.IsType<ImageManifest>(document);
        Assert.Equal(mediaType, manifest.MediaType);
        Assert.Equal(Fixture.CapturedHeader(file, "Content-Type"), manifest.MediaType);
        Assert.Equal(configType, manifest.Config.MediaType);
        Assert.True(manifest.Config.Size > 0);
    }

    [Fact]
    public void Reads_the_captured_index_and_its_entries_digests_match_the_manifests()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Captured("multi.index.json"), MediaTypes.OciIndex, out var document, out var error), error);
        var index = Assert.IsType<ImageIndex>(document);
        Assert.Equal(["linux/amd64", "linux/arm64"], index.Manifests.Select(entry => entry.Platform!.ToString()));
        foreach (var (entry, arch) in index.Manifests.Zip(["amd64", "arm64"]))
        {
            var manifest = Fixture.Captured($"multi-{arch}.manifest.json");
            Assert.True(entry.Digest.Matches(manifest));
            Assert.Equal(manifest.Length, entry.Size);
        }
    }

    [Fact]
    public void The_docker_content_digest_header_is_the_digest_of_the_captured_bytes()
    {
        foreach (var file in new[] { "both.manifest.json", "docker-v2s2.manifest.json", "multi.index.json" })
        {
            var announced = Kueueleuleu.Registry.References.ContentDigest.Parse(Fixture.CapturedHeader(file, "Docker-Content-Digest")!);
            Assert.True(announced.Matches(Fixture.Captured(file)), file);
        }
    }

    [Theory]
    [InlineData("hub-busybox.index.json", MediaTypes.OciIndex, 11)]
    [InlineData("docker-manifest-list.json", MediaTypes.DockerManifestList, 4)]
    [InlineData("variant-preference.index.json", MediaTypes.OciIndex, 3)]
    public void Reads_written_indexes(string file, string mediaType, int entries)
    {
        Assert.True(ManifestParser.TryParse(Fixture.Written(file), "application/json", out var document, out var error), error);
        var index = Assert.IsType<ImageIndex>(document);
        Assert.Equal(mediaType, index.MediaType);
        Assert.Equal(entries, index.Manifests.Count);
    }

    [Fact]
    public void Without_media_type_an_index_is_known_by_its_manifests()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Written("no-media-type.index.json"), null, out var document, out var error), error);
        var index = Assert.IsType<ImageIndex>(document);
        Assert.Equal(MediaTypes.OciIndex, index.MediaType);
        Assert.Equal("", index.Manifests[0].MediaType);
    }

    [Fact]
    public void Without_media_type_a_manifest_is_known_by_its_config()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Written("no-media-type.manifest.json"), "application/octet-stream", out var document, out var error), error);
        Assert.Equal(MediaTypes.OciManifest, Assert.IsType<ImageManifest>(document).MediaType);
    }

    [Fact]
    public void Without_media_type_the_content_type_decides()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Written("no-media-type.manifest.json"), MediaTypes.DockerManifest + "; charset=utf-8", out var document, out var error), error);
        Assert.Equal(MediaTypes.DockerManifest, document.MediaType);
    }

    [Fact]
    public void The_body_media_type_wins_over_the_content_type()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Captured("docker-v2s2.manifest.json"), MediaTypes.OciManifest, out var document, out _));
        Assert.Equal(MediaTypes.DockerManifest, document.MediaType);
    }

    [Fact]
    public void An_artifact_manifest_is_read_and_keeps_its_config_type()
    {
        Assert.True(ManifestParser.TryParse(Fixture.Written("helm-chart.manifest.json"), null, out var document, out _));
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", Assert.IsType<ImageManifest>(document).Config.MediaType);
    }

    public static TheoryData<string, string?, string> Broken => new()
    {
        { "not json", null, "not valid JSON" },
        { "[]", null, "the document is an array, not an object" },
        { "{}", null, "neither manifests nor config" },
        { "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}", null, "config is missing" },
        { "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}", null, "manifests is missing" },
        { "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}", null, "manifests is an object, not an array" },
        { "{\"schemaVersion\":3,\"config\":{}}", null, "schemaVersion is 3" },
        { "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:abc\",\"size\":1}}", null, "config.digest: \"sha256:abc\" is not a valid sha256 digest" },
        { "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}}", null, "config.size is missing" },
        { "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":-1}}", null, "config.size is negative" },
        { "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":\"12\"}}", null, "config.size is a string, not a whole number" },
        { "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":1,\"platform\":{\"os\":\"linux\"}}]}", null, "manifests[0].platform.architecture is missing" },
        { "{\"mediaType\":\"application/vnd.example.thing+json\"}", null, "\"application/vnd.example.thing+json\" is not an image manifest or index" },
        { "{\"config\":{}}", MediaTypes.DockerSchema1SignedManifest, "Docker schema 1" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Says_what_is_wrong(string body, string? contentType, string reason)
    {
        Assert.False(ManifestParser.TryParse(Encoding.UTF8.GetBytes(body), contentType, out var document, out var error));
        Assert.Null(document);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_schema_1_manifest_with_advice()
    {
        Assert.False(ManifestParser.TryParse(Fixture.Written("schema1.manifest.json"), "application/json", out _, out var error));
        Assert.Contains("push the image again", error, StringComparison.Ordinal);
    }
}
