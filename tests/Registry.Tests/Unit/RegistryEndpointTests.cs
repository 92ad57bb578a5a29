using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class RegistryEndpointTests
{
    [Theory]
    [InlineData("busybox", "https://registry-1.docker.io")]
    [InlineData("ghcr.io/org/app", "https://ghcr.io")]
    [InlineData("localhost:5000/app", "http://localhost:5000")]
    [InlineData("127.0.0.1:5000/app", "http://127.0.0.1:5000")]
    [InlineData("127.1.2.3:5000/app", "http://127.1.2.3:5000")]
    [InlineData("[::1]:5000/app", "http://[::1]:5000")]
    [InlineData("198.18.1.1:5443/app", "https://198.18.1.1:5443")]
    public void Loopback_registries_are_plain_http_and_others_https(string image, string url)
    {
        var endpoint = Assert.Single(RegistryEndpoint.For(ImageReference.Parse(image), new RegistryClientOptions()));
        Assert.Equal(url, endpoint.ToString());
        Assert.False(endpoint.IsMirror);
    }

    [Fact]
    public void Configured_insecure_hosts_are_plain_http()
    {
        var options = new RegistryClientOptions { InsecureHosts = new HashSet<string>(["registry.lan:5000"], StringComparer.OrdinalIgnoreCase) };
        Assert.Equal("http://registry.lan:5000", RegistryEndpoint.For(ImageReference.Parse("registry.lan:5000/app"), options)[0].ToString());
        Assert.Equal("https://registry.lan", RegistryEndpoint.For(ImageReference.Parse("registry.lan/app"), options)[0].ToString());
    }

    [Fact]
    public void Mirrors_come_first_in_order_and_a_url_keeps_its_scheme()
    {
        var options = new RegistryClientOptions
        {
            Mirrors = new Dictionary<string, IReadOnlyList<string>> { ["docker.io"] = ["http://mirror.lan:5000", "mirror2.lan", "127.0.0.1:5001"] },
        };
        var endpoints = RegistryEndpoint.For(ImageReference.Parse("busybox"), options);
        Assert.Equal(["http://mirror.lan:5000", "https://mirror2.lan", "http://127.0.0.1:5001", "https://registry-1.docker.io"], endpoints.Select(e => e.ToString()));
        Assert.Equal([true, true, true, false], endpoints.Select(e => e.IsMirror));
        Assert.Single(RegistryEndpoint.For(ImageReference.Parse("ghcr.io/a/b"), options));
    }

    [Fact]
    public void Unusable_options_are_refused_naming_the_option()
    {
        var options = new RegistryClientOptions
        {
            Timeout = TimeSpan.Zero,
            Retry = new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero),
            Mirrors = new Dictionary<string, IReadOnlyList<string>> { ["docker.io"] = ["mirror.lan:5000", "http://ok.lan", "bad host", "mirror.lan:99999", "ftp://x"] },
        };
        Assert.Equal(
        [
            "Timeout must be positive, not 00:00:00",
            "Retry must try at least once with delays 0 <= InitialDelay <= MaxDelay, not RetryPolicy { MaxAttempts = 0, InitialDelay = 00:00:00, MaxDelay = 00:00:00 }",
            "Mirrors[\"docker.io\"]: \"bad host\" is neither host[:port] nor an http(s) URL",
            "Mirrors[\"docker.io\"]: \"mirror.lan:99999\" is neither host[:port] nor an http(s) URL",
            "Mirrors[\"docker.io\"]: \"ftp://x\" is neither host[:port] nor an http(s) URL",
        ],
            options.Validate());
        var exception = Assert.Throws<ArgumentException>(() => new RegistryClient(options));
        Assert.Contains("invalid registry client options: Timeout must be positive", exception.Message, StringComparison.Ordinal);
        Assert.Empty(new RegistryClientOptions().Validate());
    }

    [Fact]
    public void Builds_the_distribution_api_paths()
    {
        var endpoint = RegistryEndpoint.For(ImageReference.Parse("127.0.0.1:5000/kueueleuleu-test/both:1"), new RegistryClientOptions())[0];
        Assert.Equal("http://127.0.0.1:5000/v2/kueueleuleu-test/both/manifests/1", endpoint.Manifest("kueueleuleu-test/both", "1").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/v2/a/blobs/sha256:00", endpoint.Blob("a", "sha256:00").AbsoluteUri);
    }

    [Theory]
    [InlineData("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"2\"}}]}", "MANIFEST_UNKNOWN: manifest unknown")]
    [InlineData("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"},{\"code\":\"DENIED\"}]}", "UNAUTHORIZED: authentication required; DENIED")]
    [InlineData("<html>502</html>", null)]
    [InlineData("{\"message\":\"x\"}", null)]
    [InlineData("", null)]
    public void Summarizes_registry_error_documents(string body, string? summary) =>
        Assert.Equal(summary, RegistryErrorBody.Describe(System.Text.Encoding.UTF8.GetBytes(body)));
}
