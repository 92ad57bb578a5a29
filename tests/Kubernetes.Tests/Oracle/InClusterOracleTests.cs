using System.Reflection;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Tests.Support;
using Official = k8s;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// In-cluster configuration from a temporary directory standing in for /var/run/secrets/kubernetes.io/serviceaccount:
/// ours through <see cref="InClusterOptions.Root"/>, the official client through its internal static path (set by
/// reflection for the length of the test), both reading KUBERNETES_SERVICE_HOST/PORT from the environment.
/// </summary>
[Collection(OracleTests.Name)]
public sealed class InClusterOracleTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("10.96.0.1", "443", "https://10.96.0.1")]
    [InlineData("fd00::1", "6443", "https://[fd00::1]:6443")]
    public async Task Service_account_token_ca_namespace_and_service_address_agree(string host, string port, string server)
    {
        dir.Write("token", "in-cluster-token");
        File.Copy(Corpus.Pki("ca.crt"), Path.Combine(dir.Path, "ca.crt"));
        dir.Write("namespace", "team-pod");

        var (ours, official) = await LoadBothAsync(host, port);

        var expected = new ConnectionSettings(server, null, "ca:" + Corpus.Subject("ca.crt"), null, "Bearer in-cluster-token", null, "team-pod");
        Assert.Equal(expected, ours);
        Assert.Equal(expected, official);
    }

    [Fact]
    public async Task Difference_a_trailing_newline_of_the_namespace_file_is_trimmed_by_us()
    {
        dir.Write("token", "in-cluster-token\n");
        File.Copy(Corpus.Pki("ca.crt"), Path.Combine(dir.Path, "ca.crt"));
        dir.Write("namespace", "team-pod\n");

        var (ours, official) = await LoadBothAsync("10.96.0.1", "443");

        Assert.Equal("team-pod", ours.Namespace);
        Assert.Equal("team-pod\n", official.Namespace);
        // Both trim the token.
        Assert.Equal(ours.Authorization, official.Authorization);
    }

    private async Task<(ConnectionSettings Ours, ConnectionSettings Official)> LoadBothAsync(string host, string port)
    {
        var field = typeof(Official.KubernetesClientConfiguration).GetField("ServiceAccountPath", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("KubernetesClient changed: its ServiceAccountPath field is gone");
        var savedPath = field.GetValue(null);
        var savedHost = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var savedPort = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        try
        {
            field.SetValue(null, dir.Path);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", host);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", port);
            var ours = await OurSettings.OfAsync(InClusterConfiguration.Load(new InClusterOptions { Root = dir.Path }));
            var official = await OfficialSettings.OfAsync(Official.KubernetesClientConfiguration.InClusterConfig());
            return (ours, official);
        }
        finally
        {
            field.SetValue(null, savedPath);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", savedHost);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", savedPort);
        }
    }
}
