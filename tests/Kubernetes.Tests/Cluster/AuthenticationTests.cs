using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Tests.Support;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class AuthenticationTests(ClusterFixture cluster) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Rsa_client_certificate_from_inline_kubeconfig_data()
    {
        await using var ns = await cluster.CreateNamespaceAsync("certrsa");
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [Path.Combine(ClusterFixture.StateDir, "test-cert.kubeconfig")] }));
        using var anonymous = new KubernetesClient(new KubernetesClientConfiguration { Server = cluster.Server, CertificateAuthorities = client.Configuration.CertificateAuthorities });

        var list = await client.ListAsync(ResourceType.ConfigMaps, ns.Name);
        var refused = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => anonymous.ListAsync(ResourceType.ConfigMaps, ns.Name));

        Assert.NotNull(list.ResourceVersion);
        Assert.Contains("system:anonymous", refused.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ec_client_certificate_from_files_relative_to_the_kubeconfig()
    {
        await using var ns = await cluster.CreateNamespaceAsync("certec");
        var user = $"kueueleuleu-ec-{Guid.NewGuid().ToString("N")[..6]}";
        IssueEcClientCertificate(user, dir.Write("pki/placeholder", ""));
        var kubeconfig = dir.Write("config", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {cluster.Server}
                certificate-authority: {ClusterFixture.CaFile}
            users:
            - name: ec
              user:
                client-certificate: pki/ec.crt
                client-key: pki/ec.key
            contexts:
            - name: ec
              context:
                cluster: c
                user: ec
                namespace: {ns.Name}
            current-context: ec
            """);
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [kubeconfig] }));

        // Forbidden names the certificate's identity: the EC certificate authenticated.
        var refused = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListAsync(ResourceType.ConfigMaps, client.DefaultNamespace));
        await Rbac.GrantAdminAsync(cluster.Client, ns.Name, "User", user);
        await Rbac.WaitForAccessAsync(client, ns.Name);

        Assert.Equal(ns.Name, client.DefaultNamespace);
        Assert.Contains($"\"{user}\"", refused.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_bearer_token_gains_access_when_rbac_grants_it()
    {
        await using var ns = await cluster.CreateNamespaceAsync("token");
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [Path.Combine(ClusterFixture.StateDir, "nobody-token.kubeconfig")] }));

        var refused = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListAsync(ResourceType.ConfigMaps, ns.Name));
        await Rbac.GrantAdminAsync(cluster.Client, ns.Name, "User", "kueueleuleu-nobody");
        await Rbac.WaitForAccessAsync(client, ns.Name);

        Assert.Contains("\"kueueleuleu-nobody\"", refused.Status.Message, StringComparison.Ordinal);
        var created = await client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("by-token"));
        Assert.Equal("by-token", Objects.Name(created));
    }

    [Fact]
    public async Task Token_file_is_read_relative_to_the_kubeconfig_and_reread_when_it_rotates()
    {
        await using var ns = await cluster.CreateNamespaceAsync("tokenfile");
        dir.Write("secrets/token", File.ReadAllText(ClusterFixture.TokenFile("nobody")));
        var kubeconfig = dir.Write("config", TokenKubeconfig("tokenFile: secrets/token"));
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [kubeconfig], Time = time }));

        var asNobody = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListAsync(ResourceType.ConfigMaps, ns.Name));
        dir.Write("secrets/token", File.ReadAllText(ClusterFixture.TokenFile("test")));
        // Rotated on disk, but the cached token is used until the refresh interval passes (403 is not a reason to re-read).
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListAsync(ResourceType.ConfigMaps, ns.Name));
        time.Advance(TimeSpan.FromMinutes(2));
        var list = await client.ListAsync(ResourceType.ConfigMaps, ns.Name);

        Assert.Contains("kueueleuleu-nobody", asNobody.Status.Message, StringComparison.Ordinal);
        Assert.NotNull(list.ResourceVersion);
    }

    [Theory]
    [InlineData(ExecPluginConfig.V1)]
    [InlineData(ExecPluginConfig.V1Beta1)]
    public async Task Exec_plugin_token_is_cached_until_expiry_then_the_plugin_runs_again(string apiVersion)
    {
        await using var ns = await cluster.CreateNamespaceAsync("exec");
        var counter = Path.Combine(dir.Path, "runs");
        // The plugin checks the apiVersion the client announces in KUBERNETES_EXEC_INFO, as real plugins do.
        dir.WriteExecutable("bin/plugin.sh", $$$"""
            #!/bin/sh
            set -e
            echo run >> {{{counter}}}
            case "$KUBERNETES_EXEC_INFO" in *'"apiVersion":"{{{apiVersion}}}"'*) ;; *) echo "unexpected exec info: $KUBERNETES_EXEC_INFO" >&2; exit 1 ;; esac
            expiry=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
            printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "{{{apiVersion}}}" "$(cat {{{ClusterFixture.TokenFile("test")}}})" "$expiry"
            """);
        var kubeconfig = dir.Write("config", TokenKubeconfig($"""
            exec:
                    apiVersion: {apiVersion}
                    command: ./bin/plugin.sh
            """));
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [kubeconfig], Time = time }));
        var plugin = Assert.IsType<ExecCredentialProvider>(client.Configuration.Credentials);

        await client.ListAsync(ResourceType.ConfigMaps, ns.Name);
        await client.ListAsync(ResourceType.ConfigMaps, ns.Name);
        var runsBeforeExpiry = plugin.Runs;
        time.Advance(TimeSpan.FromHours(2));
        await client.ListAsync(ResourceType.ConfigMaps, ns.Name);

        Assert.Equal(1, runsBeforeExpiry);
        Assert.Equal(2, plugin.Runs);
        Assert.Equal(2, File.ReadAllLines(counter).Length);
    }

    [Fact]
    public async Task Exec_plugin_runs_again_when_the_server_rejects_its_token()
    {
        await using var ns = await cluster.CreateNamespaceAsync("exec401");
        var counter = Path.Combine(dir.Path, "runs");
        // First run: a token the server does not know (401). Later runs: the valid test token.
        var plugin = dir.WriteExecutable("plugin.sh", $$$"""
            #!/bin/sh
            echo run >> {{{counter}}}
            token=$(cat {{{ClusterFixture.TokenFile("test")}}})
            [ "$(wc -l < {{{counter}}})" -eq 1 ] && token=not-a-valid-token
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$token"
            """);
        var kubeconfig = dir.Write("config", TokenKubeconfig($"""
            exec:
                    apiVersion: client.authentication.k8s.io/v1
                    command: {plugin}
            """));
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [kubeconfig] }));

        var list = await client.ListAsync(ResourceType.ConfigMaps, ns.Name);

        Assert.NotNull(list.ResourceVersion);
        Assert.Equal(2, ((ExecCredentialProvider)client.Configuration.Credentials).Runs);
    }

    [Fact]
    public async Task Exec_plugin_can_supply_a_client_certificate()
    {
        await using var ns = await cluster.CreateNamespaceAsync("execcert");
        using var client = new KubernetesClient(KubeconfigLoader.Load(new KubeconfigLoadOptions
        {
            Paths = [Path.Combine(ClusterFixture.StateDir, "exec.kubeconfig")],
            Context = "exec-cert",
        }));

        var created = await client.CreateAsync(ResourceType.ConfigMaps, ns.Name, Objects.ConfigMap("by-exec-cert"));

        Assert.Equal("by-exec-cert", Objects.Name(created));
    }

    private string TokenKubeconfig(string userBody) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {cluster.Server}
            certificate-authority: {ClusterFixture.CaFile}
        users:
        - name: u
          user:
            {userBody}
        contexts:
        - name: x
          context: {"{"}cluster: c, user: u{"}"}
        current-context: x
        """;

    /// <summary>Issues an EC P-256 client certificate for <paramref name="user"/> signed by the cluster CA.</summary>
    private void IssueEcClientCertificate(string user, string placeholder)
    {
        var pki = Path.GetDirectoryName(placeholder)!;
        using var ca = X509Certificate2.CreateFromPemFile(ClusterFixture.CaFile, Path.Combine(ClusterFixture.StateDir, "pki", "ca.key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={user}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        // The cluster CA is RSA and the new key EC: sign with the CA's RSA key explicitly.
        using var caKey = ca.GetRSAPrivateKey()!;
        var signer = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var cert = request.Create(ca.SubjectName, signer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        File.WriteAllText(Path.Combine(pki, "ec.crt"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(pki, "ec.key"), key.ExportECPrivateKeyPem());
    }
}
