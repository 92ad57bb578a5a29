using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

public sealed class OidcTokenProviderTests
{
    // {"sub":"u","exp":1767225600} = 2026-01-01T00:00:00Z
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1IiwiZXhwIjoxNzY3MjI1NjAwfQ.c2ln";

    [Fact]
    public async Task The_token_is_sent_until_its_exp_then_every_call_says_to_log_in_again()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.Zero));
        var provider = new OidcTokenProvider(Token, "kc: users[name=u].user.auth-provider.config.id-token", time: time);

        Assert.Equal(Token, (await provider.GetCredentialsAsync(default)).BearerToken);
        time.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<KubeconfigException>(async () => await provider.GetCredentialsAsync(default));

        Assert.StartsWith("kc: users[name=u].user.auth-provider.config.id-token: the OIDC id-token expired at 2026-01-01 00:00:00Z", error.Message, StringComparison.Ordinal);
        Assert.False(provider.Invalidate(KubernetesCredentials.None));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.%%%.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void A_token_that_is_not_a_jwt_is_an_error_naming_the_field(string token)
    {
        var error = Assert.Throws<KubeconfigException>(() => new OidcTokenProvider(token, "kc: users[name=u].user.auth-provider.config.id-token"));

        Assert.StartsWith("kc: users[name=u].user.auth-provider.config.id-token: is not a JWT", error.Message, StringComparison.Ordinal);
    }
}
