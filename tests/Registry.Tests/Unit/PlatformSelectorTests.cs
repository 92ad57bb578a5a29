using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.Tests.Support;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class PlatformSelectorTests
{
    // Docker Hub's busybox: wanted platform, digest byte of the chosen entry (null: none).
    [Theory]
    [InlineData("linux/amd64", '1')]
    [InlineData("linux/arm64", '6')]
    [InlineData("linux/arm64/v8", '6')]
    [InlineData("linux/arm", '5')]
    [InlineData("linux/arm/v6", '4')]
    [InlineData("linux/arm/v5", '3')]
    [InlineData("linux/386", '8')]
    [InlineData("linux/riscv64", 'a')]
    [InlineData("linux/s390x", 'b')]
    [InlineData("linux/mips64le", null)]
    [InlineData("windows/amd64", null)]
    [InlineData("linux/arm64/v9", null)]
    public void Chooses_from_docker_hubs_busybox_index(string wanted, char? digestByte)
    {
        var chosen = PlatformSelector.Select(Index("hub-busybox.index.json"), Platform.Parse(wanted));
        Assert.Equal(digestByte is { } b ? "sha256:" + new string(b, 64) : null, chosen?.Digest.ToString());
    }

    [Fact]
    public void Passes_over_attestation_entries()
    {
        var offered = PlatformSelector.Offered(Index("hub-busybox.index.json"));
        Assert.Equal(["linux/amd64", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "linux/386", "linux/ppc64le", "linux/riscv64", "linux/s390x"], offered);
        Assert.Null(PlatformSelector.Select(Index("hub-busybox.index.json"), Platform.Create("unknown", "unknown")));
    }

    [Theory]
    [InlineData("linux/amd64", 'c')]
    [InlineData("linux/arm64", 'e')]
    [InlineData("linux/arm/v7", 'd')]
    [InlineData("windows/amd64", 'f')]
    public void Chooses_from_a_docker_manifest_list(string wanted, char digestByte)
    {
        var chosen = PlatformSelector.Select(Index("docker-manifest-list.json"), Platform.Parse(wanted));
        Assert.Equal("sha256:" + string.Concat(Enumerable.Repeat($"{digestByte}0", 32)), chosen!.Digest.ToString());
    }

    [Fact]
    public void An_exact_variant_wins_over_a_missing_one_and_a_missing_one_beats_nothing()
    {
        var index = Index("variant-preference.index.json");
        Assert.Equal('2', Digit(PlatformSelector.Select(index, Platform.LinuxArm64)));
        Assert.Equal('3', Digit(PlatformSelector.Select(index, Platform.Parse("linux/arm64/v9"))));
        Assert.Equal('1', Digit(PlatformSelector.Select(index, Platform.Parse("linux/arm64/v8.2"))));
    }

    [Fact]
    public void A_captured_entry_without_variant_serves_arm64_v8()
    {
        var chosen = PlatformSelector.Select(Captured("multi.index.json"), Platform.LinuxArm64);
        Assert.Equal("linux/arm64", chosen!.Platform!.ToString());
    }

    [Fact]
    public void A_nested_index_is_not_a_candidate()
    {
        Assert.Null(PlatformSelector.Select(Index("nested.index.json"), Platform.LinuxAmd64));
    }

    private static char Digit(Descriptor? descriptor) => descriptor!.Digest.Encoded[1];

    private static ImageIndex Index(string file) => Parse(Fixture.Written(file));

    private static ImageIndex Captured(string file) => Parse(Fixture.Captured(file));

    private static ImageIndex Parse(byte[] body)
    {
        Assert.True(ManifestParser.TryParse(body, null, out var document, out var error), error);
        return Assert.IsType<ImageIndex>(document);
    }
}
