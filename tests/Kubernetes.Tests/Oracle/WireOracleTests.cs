using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Tests.Support;
using Official = k8s;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// What only the wire shows: the SNI name, the client certificate and headers that reach a real local TLS listener,
/// and the tunnels asked of a real local HTTP or SOCKS5 proxy, for our client and the official one.
/// </summary>
[Collection(OracleTests.Name)]
public sealed class WireOracleTests : IAsyncDisposable
{
    private readonly TempDirectory dir = new();
    private readonly RecordingApiServer server = new();

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        dir.Dispose();
    }

    [Fact]
    public async Task Sni_client_certificate_and_token_arrive_alike_from_both_clients()
    {
        var file = Kubeconfig($"https://localhost:{server.Port}", "", $"client-certificate: {Corpus.Pki("client-rsa.crt")}\n    client-key: {Corpus.Pki("client-rsa.key")}\n    token: wire-token");

        var ours = await OursAsync(file);
        var official = await OfficialAsync(file);

        Assert.Equal(new Arrival("localhost", Corpus.Subject("client-rsa.crt"), "GET /api/v1/namespaces/default HTTP/1.1", "Bearer wire-token", $"localhost:{server.Port}"), ours);
        Assert.Equal(ours, official);
    }

    [Fact]
    public async Task Tls_server_name_is_the_sni_name_and_the_name_checked_in_the_certificate()
    {
        // The certificate names localhost and kubernetes.corpus.test, not 127.0.0.1.
        var file = Kubeconfig($"https://127.0.0.1:{server.Port}", "tls-server-name: kubernetes.corpus.test", "token: sni-token");

        var ours = await OursAsync(file);
        var official = await OfficialAsync(file);

        Assert.Equal("kubernetes.corpus.test", ours.ServerName);
        Assert.Equal(ours.ServerName, official.ServerName);
        // Both carry the name in the Host header (that is where .NET's handler takes the TLS name from); we keep the
        // URL's port in it, as HTTP asks, the official client drops it. The API server does not read Host.
        Assert.Equal($"kubernetes.corpus.test:{server.Port}", ours.Host);
        Assert.Equal("kubernetes.corpus.test", official.Host);
    }

    [Fact]
    public async Task Difference_an_address_the_certificate_does_not_name_is_refused_by_us_and_accepted_by_the_official_client()
    {
        var file = Kubeconfig($"https://127.0.0.1:{server.Port}", "", "token: sni-token");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => OursAsync(file));
        Assert.Contains("RemoteCertificateNameMismatch", error.InnerException?.Message, StringComparison.Ordinal);
        // With a CA configured, the official client checks the chain but not the name.
        Assert.Null((await OfficialAsync(file)).ServerName);
    }

    [Fact]
    public async Task Http_proxy_with_credentials_is_asked_for_the_server_name_which_only_it_resolves()
    {
        await using var proxy = TunnelProxy.Http(server.Port, ConnectionSettings.BasicAuthorization("proxy-user", "proxy pass"));
        var file = Kubeconfig("https://kubernetes.corpus.test:6443", $"proxy-url: http://proxy-user:proxy%20pass@127.0.0.1:{proxy.Port}", "token: proxied-token");

        var arrival = await OursAsync(file);

        Assert.Equal(new Arrival("kubernetes.corpus.test", null, "GET /api/v1/namespaces/default HTTP/1.1", "Bearer proxied-token", "kubernetes.corpus.test:6443"), arrival);
        Assert.All(proxy.Targets, t => Assert.Equal("kubernetes.corpus.test:6443", t));
        Assert.Equal(ConnectionSettings.BasicAuthorization("proxy-user", "proxy pass"), proxy.Authorizations.Last());
    }

    [Fact]
    public async Task Socks5_proxy_is_asked_for_the_server_name()
    {
        await using var proxy = TunnelProxy.Socks5(server.Port);
        var file = Kubeconfig("https://kubernetes.corpus.test:6443", $"proxy-url: socks5://127.0.0.1:{proxy.Port}", "token: socks-token");

        var arrival = await OursAsync(file);

        Assert.Equal("kubernetes.corpus.test", arrival.ServerName);
        Assert.Equal(["kubernetes.corpus.test:6443"], proxy.Targets);
    }

    [Fact]
    public async Task Difference_the_official_client_connects_directly_despite_proxy_url()
    {
        await using var proxy = TunnelProxy.Http(server.Port);
        var file = Kubeconfig($"https://localhost:{server.Port}", $"proxy-url: http://127.0.0.1:{proxy.Port}", "token: t");

        await OfficialAsync(file);
        Assert.Empty(proxy.Targets);

        await OursAsync(file);
        Assert.Equal([$"localhost:{server.Port}"], proxy.Targets);
    }

    [Theory]
    [InlineData("socks4://127.0.0.1:1080", "the scheme 'socks4' is not supported; use http, https or socks5")]
    [InlineData("ftp://proxy:21", "the scheme 'ftp' is not supported")]
    [InlineData("not a url", "is not a URL")]
    public void Unsupported_proxy_url_is_a_clear_error_naming_the_field(string proxyUrl, string problem)
    {
        var file = Kubeconfig("https://kubernetes.corpus.test:6443", $"proxy-url: {proxyUrl}", "token: t");

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file] }));

        Assert.Contains($"{file}: clusters[name=wire].cluster.proxy-url: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_password_stays_out_of_error_messages()
    {
        var file = Kubeconfig("https://kubernetes.corpus.test:6443", "proxy-url: socks4://user:hunter2@proxy:1080", "token: t");

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new() { Paths = [file] }));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private string Kubeconfig(string serverUrl, string clusterExtra, string userBody) => dir.Write("config", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: wire
          cluster:
            server: {serverUrl}
            certificate-authority: {Corpus.Pki("ca.crt")}
            {clusterExtra}
        users:
        - name: wire
          user:
            {userBody}
        contexts:
        - name: wire
          context: {"{"}cluster: wire, user: wire{"}"}
        current-context: wire
        """);

    private async Task<Arrival> OursAsync(string file)
    {
        var configuration = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [file] });
        using var client = new KubernetesClient(configuration, new KubernetesClientOptions { Retry = new RetryOptions { MaxAttempts = 1 } });
        await client.GetAsync(ResourceType.Namespaces, null, "default");
        return LastArrival();
    }

    private async Task<Arrival> OfficialAsync(string file)
    {
        using var client = new Official.Kubernetes(OfficialSettings.Build(file));
        await Official.CoreV1OperationsExtensions.ReadNamespaceAsync(client.CoreV1, "default");
        return LastArrival();
    }

    private Arrival LastArrival()
    {
        // The server records before it answers, so the answer's arrival is the newest.
        Assert.NotEmpty(server.Arrivals);
        return server.Arrivals.Last();
    }
}
