using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ChallengeParserTests
{
    [Fact]
    public void Reads_docker_hubs_bearer_challenge()
    {
        var challenge = Assert.Single(ChallengeParser.Parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\""));
        Assert.True(challenge.Is("bearer"));
        Assert.Equal("https://auth.docker.io/token", challenge["realm"]);
        Assert.Equal("registry.docker.io", challenge["service"]);
        Assert.Equal("repository:library/busybox:pull", challenge["scope"]);
    }

    [Fact]
    public void Keeps_commas_and_equals_signs_inside_quotes()
    {
        var challenge = Assert.Single(ChallengeParser.Parse(
            "Bearer realm=\"https://ghcr.io/token?a=1,b=2\",service=\"ghcr.io\",scope=\"repository:org/app:pull,push\",error=\"insufficient_scope\""));
        Assert.Equal("https://ghcr.io/token?a=1,b=2", challenge["realm"]);
        Assert.Equal("repository:org/app:pull,push", challenge["scope"]);
        Assert.Equal("insufficient_scope", challenge["error"]);
    }

    [Fact]
    public void Unescapes_quoted_pairs_and_accepts_spaces_and_token_values()
    {
        var challenge = Assert.Single(ChallengeParser.Parse("Bearer  realm = \"https://x/t\\\"q\\\\\" , service=registry.example.com"));
        Assert.Equal("https://x/t\"q\\", challenge["realm"]);
        Assert.Equal("registry.example.com", challenge["service"]);
    }

    [Fact]
    public void Reads_the_basic_challenge_of_an_htpasswd_registry()
    {
        var challenge = Assert.Single(ChallengeParser.Parse("Basic realm=\"kueueleuleu basic registry\""));
        Assert.True(challenge.Is("Basic"));
        Assert.Equal("kueueleuleu basic registry", challenge["REALM"]);
    }

    [Fact]
    public void Splits_several_challenges_in_one_value()
    {
        var challenges = ChallengeParser.Parse("Basic realm=\"a, b\", Bearer realm=\"https://t/token\",service=\"s\", Negotiate abc==, NTLM");
        Assert.Equal(["Basic", "Bearer", "Negotiate", "NTLM"], challenges.Select(c => c.Scheme));
        Assert.Equal("a, b", challenges[0]["realm"]);
        Assert.Equal("s", challenges[1]["service"]);
        Assert.Equal("abc==", challenges[2].Token68);
        Assert.Empty(challenges[3].Parameters);
    }

    [Fact]
    public void Reads_every_header_value()
    {
        var challenges = ChallengeParser.Parse(["Basic realm=\"r\"", "Bearer realm=\"https://t\""]);
        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ,  ")]
    public void Nothing_gives_no_challenge(string value) => Assert.Empty(ChallengeParser.Parse(value));

    [Fact]
    public void An_unterminated_quote_ends_the_value_without_throwing()
    {
        var challenge = Assert.Single(ChallengeParser.Parse("Bearer realm=\"https://t/token"));
        Assert.Equal("https://t/token", challenge["realm"]);
    }
}
