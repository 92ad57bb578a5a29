using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>The committed kubeconfigs, certificates and exec plugin of <c>Oracle/Corpus</c>, read in place.</summary>
public static class Corpus
{
    public static string Directory { get; } = Path.Combine(Repository.Root, "tests", "Kubernetes.Tests", "Oracle", "Corpus");

    public static string File(string relative) => Path.Combine(Directory, relative);

    public static string Pki(string name) => File(Path.Combine("pki", name));

    public static string Plugin => File("plugin.sh");

    public static string Subject(string certificateFile)
    {
        using var certificate = X509Certificate2.CreateFromPem(System.IO.File.ReadAllText(Pki(certificateFile)));
        return certificate.Subject;
    }

    /// <summary>The test API server's certificate (localhost, kubernetes.corpus.test), with its key.</summary>
    public static X509Certificate2 ServerCertificate()
    {
        using var ephemeral = X509Certificate2.CreateFromPemFile(Pki("server.crt"), Pki("server.key"));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
