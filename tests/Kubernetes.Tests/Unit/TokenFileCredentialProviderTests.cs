using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class TokenFileCredentialProviderTests
{
    [Fact]
    public async Task Token_is_reread_after_the_interval_and_after_a_rejection()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("token", "one\n");
        var time = new ManualTime();
        var provider = new TokenFileCredentialProvider(file, TimeSpan.FromMinutes(1), time: time);

        var first = await provider.GetCredentialsAsync(default);
        File.WriteAllText(file, "two");
        var stillCached = await provider.GetCredentialsAsync(default);
        time.Advance(TimeSpan.FromMinutes(1));
        var reread = await provider.GetCredentialsAsync(default);
        File.WriteAllText(file, "three");
        var refreshed = provider.Invalidate(reread);
        var afterRejection = await provider.GetCredentialsAsync(default);

        Assert.Equal("one", first.BearerToken);
        Assert.Equal("one", stillCached.BearerToken);
        Assert.Equal("two", reread.BearerToken);
        Assert.True(refreshed);
        Assert.Equal("three", afterRejection.BearerToken);
        Assert.False(provider.Invalidate(afterRejection));
    }

    [Fact]
    public void In_cluster_configuration_reads_the_service_account_directory()
    {
        using var dir = new TempDirectory();
        var (cert, _) = TestPki.Rsa();
        dir.Write("token", "sa-token");
        dir.Write("ca.crt", cert);
        dir.Write("namespace", "ops\n");

        var config = InClusterConfiguration.Load(new InClusterOptions { Root = dir.Path, Host = "fd00::1", Port = "443" });

        Assert.Equal(new Uri("https://[fd00::1]:443"), config.Server);
        Assert.Equal("ops", config.Namespace);
        Assert.Single(config.CertificateAuthorities!);
    }

    [Fact]
    public void In_cluster_configuration_without_a_token_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<KubeconfigException>(() => InClusterConfiguration.Load(new InClusterOptions { Root = dir.Path, Host = "h", Port = "1" }));

        Assert.Contains(Path.Combine(dir.Path, "token"), error.Message, StringComparison.Ordinal);
    }
}
