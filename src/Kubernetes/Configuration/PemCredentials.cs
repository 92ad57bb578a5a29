using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Loads PEM certificates and keys (RSA, EC, PKCS#8) as kubeconfigs and plugins carry them.</summary>
public static class PemCredentials
{
    /// <summary>Loads a client certificate with its private key.</summary>
    /// <param name="certificatePem">The PEM certificate (the first one is the leaf).</param>
    /// <param name="keyPem">The PEM private key: <c>RSA PRIVATE KEY</c>, <c>EC PRIVATE KEY</c> or <c>PRIVATE KEY</c>.</param>
    /// <param name="source">Where the PEM came from, for error messages.</param>
    /// <returns>The certificate with its key.</returns>
    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem, string source)
    {
        try
        {
            using var withEphemeralKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            // Re-import through PKCS#12 so the key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(withEphemeralKey.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"{source}: the client certificate or key is not valid PEM, or they do not match: {e.Message}", e);
        }
    }

    /// <summary>Loads every certificate of a PEM bundle (a CA file may hold several).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="source">Where the PEM came from, for error messages.</param>
    /// <returns>The certificates.</returns>
    public static X509Certificate2Collection LoadCertificates(string pem, string source)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"{source}: not a valid PEM certificate: {e.Message}", e);
        }

        return collection.Count > 0 ? collection : throw new KubeconfigException($"{source}: holds no PEM certificate");
    }
}
