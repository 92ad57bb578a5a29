using System.Diagnostics;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.Tests.Support;
using Xunit.Abstractions;

namespace Kueueleuleu.Registry.Tests.Real;

/// <summary>
/// Registries that are down, hang, fail for a while, or serve content that does not match its digest: the failure
/// kinds and messages, the retries, and that nothing unverified is returned. The shared registries are never stopped:
/// these tests start their own registry process, proxy or listener.
/// </summary>
[Collection(RegistryTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class FailureTests(ITestOutputHelper output)
{
    private static readonly RetryPolicy Quick = new(4, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task A_stopped_registry_is_tried_again_then_reported_unreachable()
    {
        await using var registry = await ShortLivedRegistry.StartAsync();
        var reference = $"{registry.Host}/{LocalRegistry.RepositoryPrefix}/both:1";
        var before = await RegistryFixture.ResolveAsync(reference);
        Assert.True(before.Succeeded, before.ToString());

        await registry.StopAsync();
        var watch = Stopwatch.StartNew();
        var after = await RegistryFixture.ResolveAsync(reference);
        output.WriteLine($"unreachable reported after {watch.ElapsedMilliseconds} ms with the default retry policy");

        Assert.Equal(RegistryFailureKind.Unreachable, after.Failure?.Kind);
        Assert.Equal($"{reference}: http://{registry.Host} could not be reached: connection refused (tried 4 times).", after.Failure!.Message);
        Assert.Equal(4, after.Failure.Attempts.Count);
        Assert.All(after.Failure.Attempts, attempt => Assert.StartsWith("connection refused, try ", attempt.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hanging_registry_ends_with_the_lookups_timeout()
    {
        await using var silent = new SilentListener();
        var options = RegistryFixture.Options() with { Timeout = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromSeconds(30) };
        var lookup = await RegistryFixture.ResolveAsync($"{silent.Host}/a/b:1", options: options);

        Assert.Equal(RegistryFailureKind.Unreachable, lookup.Failure?.Kind);
        Assert.Contains("the lookup took longer than its 2 s timeout", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_answer_is_tried_again_after_the_attempt_timeout()
    {
        await using var silent = new SilentListener();
        var options = RegistryFixture.Options(new RetryPolicy(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50))) with
        {
            AttemptTimeout = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromMinutes(1),
        };
        var lookup = await RegistryFixture.ResolveAsync($"{silent.Host}/a/b:1", options: options);

        Assert.Equal(RegistryFailureKind.Unreachable, lookup.Failure?.Kind);
        Assert.Equal(["no answer within 1 s, try 1 of 2", "no answer within 1 s, try 2 of 2"], lookup.Failure!.Attempts.Select(a => a.Error));
    }

    [Fact]
    public async Task Answers_503_and_429_are_tried_again_and_the_lookup_succeeds()
    {
        await using var proxy = new TamperingProxy { FailTimes = 2, FailureStatus = 503 };
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/both:1", options: RegistryFixture.Options(Quick));

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal([503, 503, 200, 200], lookup.Attempts.Select(a => a.Status));

        proxy.FailTimes = 1;
        proxy.FailureStatus = 429;
        proxy.RetryAfterSeconds = 0;
        var limited = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/cmd-only:1", options: RegistryFixture.Options(Quick));
        Assert.True(limited.Succeeded, limited.ToString());
        Assert.Equal([429, 200, 200], limited.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task A_registry_failing_on_every_try_is_unreachable()
    {
        await using var proxy = new TamperingProxy { FailTimes = int.MaxValue, FailureStatus = 502 };
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/both:1", options: RegistryFixture.Options(Quick));

        Assert.Equal(RegistryFailureKind.Unreachable, lookup.Failure?.Kind);
        Assert.Contains("answered 502 for the manifest kueueleuleu-test/both:1 on every try", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(4, lookup.Failure.Attempts.Count);
    }

    [Fact]
    public async Task Not_found_is_not_tried_again()
    {
        await using var proxy = new TamperingProxy();
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/both:nope", options: RegistryFixture.Options(Quick));

        Assert.Equal(RegistryFailureKind.NotFound, lookup.Failure?.Kind);
        Assert.Single(proxy.Requests);
    }

    [Fact]
    public async Task A_config_that_does_not_match_its_digest_is_refused()
    {
        await using var proxy = new TamperingProxy();
        proxy.Rewrites["/blobs/"] = ("from-cmd", "from-CMD");
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/cmd-only:1");

        Assert.Equal(RegistryFailureKind.BadResponse, lookup.Failure?.Kind);
        Assert.Matches("the config blob sha256:[0-9a-f]{64} has the digest sha256:[0-9a-f]{64}, not the sha256:[0-9a-f]{64} its manifest names", lookup.Failure!.Message);
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_the_announced_digest_is_refused()
    {
        await using var proxy = new TamperingProxy();
        proxy.Rewrites["/manifests/1"] = ("tar+gzip", "tar+GZIP");
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/both:1");

        Assert.Equal(RegistryFailureKind.BadResponse, lookup.Failure?.Kind);
        Assert.Contains($"does not match the digest {LocalRegistry.Image("both").Digest} the registry announced for it (Docker-Content-Digest)", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_asked_by_digest_must_have_that_digest()
    {
        var image = LocalRegistry.Image("both");
        await using var proxy = new TamperingProxy();
        proxy.Rewrites["/manifests/sha256:"] = ("tar+gzip", "tar+GZIP");
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{image.Repository}@{image.Digest}");

        Assert.Equal(RegistryFailureKind.BadResponse, lookup.Failure?.Kind);
        Assert.Contains($", not the {image.Digest} it was asked by", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_manifest_that_does_not_match_its_index_entry_is_refused()
    {
        var multi = LocalRegistry.Image("multi");
        await using var proxy = new TamperingProxy();
        proxy.Rewrites["/manifests/sha256:"] = ("application/vnd.oci.image.config", "application/vnd.oci.image.CONFIG");
        var lookup = await RegistryFixture.ResolveAsync($"{proxy.Host}/{multi.Repository}:1", Platform.LinuxArm64);

        Assert.Equal(RegistryFailureKind.BadResponse, lookup.Failure?.Kind);
        Assert.Contains($"not the {multi.Platforms.Single(p => p.Platform == "linux/arm64").Digest} it was asked by", lookup.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_beyond_their_bound_are_not_read()
    {
        var reference = LocalRegistry.Image("both").Reference;
        var manifest = await RegistryFixture.ResolveAsync(reference, options: RegistryFixture.Options() with { MaxManifestBytes = 100 });
        var config = await RegistryFixture.ResolveAsync(reference, options: RegistryFixture.Options() with { MaxConfigBytes = 100 });

        Assert.Equal(RegistryFailureKind.BadResponse, manifest.Failure?.Kind);
        Assert.Contains("sent a manifest kueueleuleu-test/both:1 larger than 100 bytes; it was not read", manifest.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryFailureKind.BadResponse, config.Failure?.Kind);
        Assert.Contains("bytes, more than the 100 allowed", config.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_length_is_read_only_up_to_the_bound()
    {
        await using var proxy = new TamperingProxy { Chunked = true };
        var reference = $"{proxy.Host}/{LocalRegistry.RepositoryPrefix}/both:1";
        var bounded = await RegistryFixture.ResolveAsync(reference, options: RegistryFixture.Options() with { MaxManifestBytes = 100 });
        var whole = await RegistryFixture.ResolveAsync(reference);

        Assert.Equal(RegistryFailureKind.BadResponse, bounded.Failure?.Kind);
        Assert.Contains("larger than 100 bytes; it was not read", bounded.Failure!.Message, StringComparison.Ordinal);
        Assert.True(whole.Succeeded, whole.ToString());
    }

    [Fact]
    public async Task A_registry_with_an_untrusted_certificate_is_not_tried_again()
    {
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("both", LocalRegistryEndpoint.Basic).Reference, options: new RegistryClientOptions());

        Assert.Equal(RegistryFailureKind.Unreachable, lookup.Failure?.Kind);
        Assert.Contains("the TLS handshake failed", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("add it to the trusted certificates", lookup.Failure.Message, StringComparison.Ordinal);
        Assert.Single(lookup.Failure.Attempts);
    }

    [Fact]
    public async Task A_mirror_answers_first()
    {
        await using var mirror = new TamperingProxy();
        var options = RegistryFixture.Options() with
        {
            Mirrors = new Dictionary<string, IReadOnlyList<string>> { [LocalRegistry.PlainHost] = [$"http://{mirror.Host}"] },
        };
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("both").Reference, options: options);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal($"http://{mirror.Host}", lookup.Image.Endpoint);
        Assert.Equal(2, mirror.Requests.Count);
    }

    [Fact]
    public async Task A_failing_mirror_falls_through_to_the_registry()
    {
        var closed = $"127.0.0.1:{FreePort.Next()}";
        var options = RegistryFixture.Options(Quick) with
        {
            Mirrors = new Dictionary<string, IReadOnlyList<string>> { [LocalRegistry.PlainHost] = [closed] },
        };
        var lookup = await RegistryFixture.ResolveAsync(LocalRegistry.Image("both").Reference, options: options);

        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(LocalRegistry.PlainUrl, lookup.Image.Endpoint);
        Assert.Equal(4, lookup.Attempts.Count(a => a.Url.Contains(closed, StringComparison.Ordinal) && a.Error!.StartsWith("connection refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_mirror_and_registry_fail_the_message_tells_both()
    {
        await using var mirror = new TamperingProxy();
        var options = RegistryFixture.Options() with
        {
            Mirrors = new Dictionary<string, IReadOnlyList<string>> { [LocalRegistry.PlainHost] = [mirror.Host] },
        };
        var lookup = await RegistryFixture.ResolveAsync($"{LocalRegistry.PlainHost}/{LocalRegistry.RepositoryPrefix}/both:gone", options: options);

        Assert.Equal(RegistryFailureKind.NotFound, lookup.Failure?.Kind);
        Assert.Contains($"{LocalRegistry.PlainUrl} has no manifest", lookup.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains($"The mirrors tried first failed too: {LocalRegistry.PlainHost}/{LocalRegistry.RepositoryPrefix}/both:gone: http://{mirror.Host} has no manifest", lookup.Failure.Message, StringComparison.Ordinal);
    }
}
