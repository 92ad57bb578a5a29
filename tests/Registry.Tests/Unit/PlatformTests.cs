using Kueueleuleu.Registry.Manifests;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/arm64", "linux/arm64/v8")]
    [InlineData("linux/aarch64", "linux/arm64/v8")]
    [InlineData("linux/arm64/8", "linux/arm64/v8")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/arm/6", "linux/arm/v6")]
    [InlineData("linux/armhf", "linux/arm/v7")]
    [InlineData("linux/i386", "linux/386")]
    [InlineData("Linux/S390X", "linux/s390x")]
    public void Normalizes_as_containerd(string text, string normalized) =>
        Assert.Equal(normalized, Platform.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("linux/arm64/v8/extra")]
    public void Rejects_what_is_not_os_slash_architecture(string text)
    {
        Assert.False(Platform.TryParse(text, out _, out var error));
        Assert.Contains("os/architecture[/variant]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_entry_keeps_a_missing_variant_missing_and_serves_every_variant()
    {
        var entry = Platform.FromIndex("linux", "arm64", null);
        Assert.Null(entry.Variant);
        Assert.True(entry.Serves(Platform.LinuxArm64));
        Assert.True(entry.Serves(Platform.Parse("linux/arm64/v9")));
    }

    [Fact]
    public void A_stated_variant_must_match()
    {
        var v7 = Platform.FromIndex("linux", "arm", "v7");
        Assert.True(v7.Serves(Platform.Parse("linux/arm")));
        Assert.False(v7.Serves(Platform.Parse("linux/arm/v6")));
        Assert.False(Platform.FromIndex("linux", "arm64", "v9").Serves(Platform.LinuxArm64));
    }

    [Fact]
    public void Os_and_architecture_must_match()
    {
        Assert.False(Platform.FromIndex("windows", "amd64", null).Serves(Platform.LinuxAmd64));
        Assert.False(Platform.FromIndex("linux", "arm64", null).Serves(Platform.LinuxAmd64));
    }
}
