using System.Security.Cryptography.X509Certificates;

namespace Kueueleuleu.Registry;

/// <summary>How <see cref="RegistryClient"/> reaches registries.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>The most one lookup may take, every request, retry and mirror included (30 s by default).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one request may wait for an answer before it is tried again (10 s by default).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When requests are tried again.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Registry hosts (<c>host:port</c> as in references) reached over plain HTTP although not on loopback.</summary>
    public IReadOnlySet<string> InsecureHosts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Mirrors per registry (keys as in references, such as <c>docker.io</c>): each is <c>host[:port]</c>, or a URL
    /// <c>http://host:port</c> / <c>https://host</c> to fix the scheme. They are tried in order before the registry.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Mirrors { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Certificate authorities trusted besides the system's, for registries with a private CA.</summary>
    public X509Certificate2Collection TrustedCertificates { get; init; } = [];

    /// <summary>The largest manifest or index read (4 MiB, the limit registries themselves enforce).</summary>
    public long MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest image config read (8 MiB).</summary>
    public long MaxConfigBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The largest token response read (1 MiB).</summary>
    public long MaxTokenBytes { get; init; } = 1024 * 1024;

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = "kueueleuleu-registry-client";

    /// <summary>The clock for delays (tests use a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>What is wrong with these options, each naming the option; empty when they are usable.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"Timeout must be positive, not {Timeout}");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"AttemptTimeout must be positive, not {AttemptTimeout}");
        }

        if (Retry.MaxAttempts < 1 || Retry.InitialDelay < TimeSpan.Zero || Retry.MaxDelay < Retry.InitialDelay)
        {
            problems.Add($"Retry must try at least once with delays 0 <= InitialDelay <= MaxDelay, not {Retry}");
        }

        if (MaxManifestBytes < 1 || MaxConfigBytes < 1 || MaxTokenBytes < 1)
        {
            problems.Add("MaxManifestBytes, MaxConfigBytes and MaxTokenBytes must be positive");
        }

        foreach (var (registry, mirrors) in Mirrors)
        {
            problems.AddRange(mirrors.Where(mirror => !RegistryEndpoint.IsValidAddress(mirror))
                .Select(mirror => $"Mirrors[\"{registry}\"]: \"{mirror}\" is neither host[:port] nor an http(s) URL"));
        }

        return problems;
    }

    /// <summary>Reads a PEM bundle of CA certificates, for <see cref="TrustedCertificates"/>.</summary>
    /// <param name="path">The bundle's path.</param>
    /// <returns>The certificates.</returns>
    public static X509Certificate2Collection LoadCertificateBundle(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }
}
