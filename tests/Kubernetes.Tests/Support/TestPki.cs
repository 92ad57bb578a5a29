using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Tests.Support;

/// <summary>Self-signed certificates and keys in PEM, made in memory for parsing tests.</summary>
public static class TestPki
{
    public static (string CertificatePem, string KeyPem) Rsa(string subject = "CN=test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    public static (string CertificatePem, string KeyPem) Ec(string subject = "CN=test-ec")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
