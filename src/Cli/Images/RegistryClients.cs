using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kueueleuleu.Registry;
using Kueueleuleu.Registry.Caching;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// One <see cref="RegistryClient"/> per set of trusted CAs: the client trusts its extra CAs for every host it talks to,
/// while a <c>certs.d</c> directory is meant for one registry, so registries with their own directory get their own
/// client. All share one cache. Thread-safe.
/// </summary>
internal sealed class RegistryClients : IDisposable
{
    private readonly RegistryClientOptions options;
    private readonly string? certDir;
    private readonly IReadOnlyList<string> roots;
    private readonly ImageConfigCache cache = new();
    private readonly ConcurrentDictionary<string, Lazy<(RegistryClient? Client, string? Error)>> clients = new(StringComparer.Ordinal);

    /// <summary>Creates the clients of a run.</summary>
    /// <param name="options">The options every client starts from (plain-HTTP hosts).</param>
    /// <param name="certDir">The directory of <c>--cert-dir</c>, if given.</param>
    /// <param name="roots">The <c>certs.d</c> roots searched otherwise.</param>
    public RegistryClients(RegistryClientOptions options, string? certDir, IReadOnlyList<string> roots)
    {
        this.options = options;
        this.certDir = certDir;
        this.roots = roots;
    }

    /// <summary>The client for a registry, or why its CA certificates cannot be read.</summary>
    /// <param name="registry">The registry (<c>host:port</c>).</param>
    /// <returns>The client, or the error naming the file.</returns>
    public (RegistryClient? Client, string? Error) For(string registry)
    {
        var directory = CertificateDirectories.For(registry, certDir, roots) ?? string.Empty;
        return clients.GetOrAdd(directory, key => new Lazy<(RegistryClient?, string?)>(() => Create(key))).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var lazy in clients.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Client?.Dispose();
        }
    }

    private (RegistryClient?, string?) Create(string directory)
    {
        var trusted = new X509Certificate2Collection();
        foreach (var file in directory.Length == 0 ? [] : CertificateDirectories.CaFiles(directory))
        {
            try
            {
                trusted.ImportFromPemFile(file);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return (null, $"the CA certificate {file} cannot be read: {e.Message}; fix or remove it.");
            }
        }

        return (new RegistryClient(options with { TrustedCertificates = trusted }, cache), null);
    }
}
