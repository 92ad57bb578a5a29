using System.Text;
using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class BearerTokenTests
{
    [Fact]
    public void Asks_the_realm_for_the_challenges_service_and_scope()
    {
        var challenge = Challenge("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        Assert.True(BearerTokenRequest.TryCreate(challenge, "library/busybox", out var url, out _));
        Assert.Equal("https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fbusybox%3Apull", url.AbsoluteUri);
    }

    [Fact]
    public void Asks_for_pull_access_when_the_challenge_has_no_scope_and_keeps_the_realms_query()
    {
        var challenge = Challenge("Bearer realm=\"https://198.18.1.1:5445/token?tenant=a\",service=\"kueueleuleu-registry\"");
        Assert.True(BearerTokenRequest.TryCreate(challenge, "kueueleuleu-test/both", out var url, out _));
        Assert.Equal("https://198.18.1.1:5445/token?tenant=a&service=kueueleuleu-registry&scope=repository%3Akueueleuleu-test%2Fboth%3Apull", url.AbsoluteUri);
    }

    [Fact]
    public void Sends_one_scope_parameter_per_scope()
    {
        var challenge = Challenge("Bearer realm=\"https://t/token\",scope=\"repository:a:pull repository:b:pull\"");
        Assert.True(BearerTokenRequest.TryCreate(challenge, "a", out var url, out _));
        Assert.Equal("?scope=repository%3Aa%3Apull&scope=repository%3Ab%3Apull", url.Query);
    }

    [Theory]
    [InlineData("Bearer service=\"s\"", "has no realm")]
    [InlineData("Bearer realm=\"/token\"", "is not an http(s) URL")]
    [InlineData("Bearer realm=\"ftp://t/token\"", "is not an http(s) URL")]
    public void Refuses_a_challenge_without_a_usable_realm(string header, string reason)
    {
        Assert.False(BearerTokenRequest.TryCreate(Challenge(header), "a", out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"token\":\"abc\",\"expires_in\":300}", "abc", 300)]
    [InlineData("{\"access_token\":\"xyz\"}", "xyz", 60)]
    [InlineData("{\"token\":\"\",\"access_token\":\"xyz\",\"issued_at\":\"2024-01-01T00:00:00Z\"}", "xyz", 60)]
    public void Reads_token_or_access_token(string body, string token, int seconds)
    {
        Assert.True(BearerTokenResponse.TryParse(Encoding.UTF8.GetBytes(body), out var response, out var error), error);
        Assert.Equal(token, response.Token);
        Assert.Equal(TimeSpan.FromSeconds(seconds), response.ExpiresIn);
        Assert.DoesNotContain(token, response.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "neither token nor access_token")]
    [InlineData("{\"token\":5}", "token is a number, not a string")]
    [InlineData("<html>", "not valid JSON")]
    public void Says_what_is_wrong_with_a_token_response(string body, string reason)
    {
        Assert.False(BearerTokenResponse.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private static AuthenticationChallenge Challenge(string header) => Assert.Single(ChallengeParser.Parse(header));
}
