using Kueueleuleu.Registry.Caching;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Microsoft.Extensions.Time.Testing;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ImageConfigCacheTests
{
    private static readonly ContentDigest IndexDigest = ContentDigest.Parse("sha256:" + new string('1', 64));
    private static readonly ContentDigest AmdDigest = ContentDigest.Parse("sha256:" + new string('2', 64));
    private static readonly ContentDigest ArmDigest = ContentDigest.Parse("sha256:" + new string('3', 64));

    private readonly FakeTimeProvider clock = new();

    [Fact]
    public void A_tag_is_answered_until_its_time_to_live_passes()
    {
        var cache = new ImageConfigCache(tagTimeToLive: TimeSpan.FromMinutes(5), timeProvider: clock);
        cache.Add(Platform.LinuxAmd64, Image("ghcr.io/org/app:v1", AmdDigest, IndexDigest, "amd64"));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v1"), Platform.LinuxAmd64, out var hit));
        Assert.Equal(["amd64"], hit.Config.Cmd);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v1"), Platform.LinuxAmd64, out _));
    }

    [Fact]
    public void A_digest_is_answered_after_the_tag_expired_and_under_any_reference_text()
    {
        var cache = new ImageConfigCache(tagTimeToLive: TimeSpan.FromMinutes(1), timeProvider: clock);
        cache.Add(Platform.LinuxAmd64, Image("ghcr.io/org/app:v1", AmdDigest, IndexDigest, "amd64"));
        clock.Advance(TimeSpan.FromHours(10));

        var byDigest = ImageReference.Parse($"ghcr.io/org/app:v2@{IndexDigest}");
        Assert.True(cache.TryGet(byDigest, Platform.LinuxAmd64, out var hit));
        Assert.Same(byDigest, hit.Reference);
        Assert.Equal(AmdDigest, hit.ManifestDigest);
    }

    [Fact]
    public void Platforms_and_repositories_are_kept_apart()
    {
        var cache = new ImageConfigCache(timeProvider: clock);
        cache.Add(Platform.LinuxAmd64, Image("ghcr.io/org/app:v1", AmdDigest, IndexDigest, "amd64"));
        cache.Add(Platform.LinuxArm64, Image("ghcr.io/org/app:v1", ArmDigest, IndexDigest, "arm64"));

        Assert.True(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v1"), Platform.LinuxArm64, out var arm));
        Assert.Equal(["arm64"], arm.Config.Cmd);
        Assert.False(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v1"), Platform.Parse("linux/s390x"), out _));
        Assert.False(cache.TryGet(ImageReference.Parse($"ghcr.io/org/other@{IndexDigest}"), Platform.LinuxAmd64, out _));
        Assert.False(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v2"), Platform.LinuxAmd64, out _));
    }

    [Fact]
    public void A_moved_tag_is_seen_once_looked_up_again()
    {
        var cache = new ImageConfigCache(timeProvider: clock);
        cache.Add(Platform.LinuxAmd64, Image("ghcr.io/org/app:v1", AmdDigest, null, "old"));
        cache.Add(Platform.LinuxAmd64, Image("ghcr.io/org/app:v1", ArmDigest, null, "new"));
        Assert.True(cache.TryGet(ImageReference.Parse("ghcr.io/org/app:v1"), Platform.LinuxAmd64, out var hit));
        Assert.Equal(["new"], hit.Config.Cmd);
    }

    [Fact]
    public void Forgets_the_least_recently_used_digest_first()
    {
        var cache = new ImageConfigCache(capacity: 2, timeProvider: clock);
        var first = ImageReference.Parse($"ghcr.io/org/a@{AmdDigest}");
        var second = ImageReference.Parse($"ghcr.io/org/b@{AmdDigest}");
        var third = ImageReference.Parse($"ghcr.io/org/c@{AmdDigest}");
        cache.Add(Platform.LinuxAmd64, Image(first.Text, AmdDigest, null, "a"));
        cache.Add(Platform.LinuxAmd64, Image(second.Text, AmdDigest, null, "b"));
        Assert.True(cache.TryGet(first, Platform.LinuxAmd64, out _)); // a is now the most recent
        cache.Add(Platform.LinuxAmd64, Image(third.Text, AmdDigest, null, "c"));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(first, Platform.LinuxAmd64, out _));
        Assert.False(cache.TryGet(second, Platform.LinuxAmd64, out _));
        Assert.True(cache.TryGet(third, Platform.LinuxAmd64, out _));
    }

    [Fact]
    public async Task Stays_consistent_under_concurrent_use()
    {
        var cache = new ImageConfigCache(capacity: 64, timeProvider: clock);
        var references = Enumerable.Range(0, 200).Select(i => $"ghcr.io/org/app{i}:v1").ToArray();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var round = 0; round < 2000; round++)
            {
                var text = references[(round * 7 + worker) % references.Length];
                cache.Add(Platform.LinuxAmd64, Image(text, AmdDigest, null, text));
                if (cache.TryGet(ImageReference.Parse(text), Platform.LinuxAmd64, out var hit))
                {
                    // Only ever the image added under this very name (never another repository's entry).
                    Assert.Equal([text], hit.Config.Cmd);
                }
            }
        })));
        Assert.Equal(64, cache.Count);
    }

    private static ResolvedImage Image(string reference, ContentDigest manifest, ContentDigest? index, string cmd) =>
        new(ImageReference.Parse(reference), manifest, index, index is null ? null : Platform.LinuxAmd64, new ImageConfig(null, [cmd], null), "https://ghcr.io");
}
