namespace Kueueleuleu.Cli.Images;

/// <summary>
/// Where the CA certificates a registry is trusted with are found, as Podman (containers/image) and Docker find them:
/// the directory named after the registry's <c>host:port</c> under <c>$HOME/.config/containers/certs.d</c>, else
/// <c>/etc/containers/certs.d</c>, else <c>/etc/docker/certs.d</c> (the first that exists wins), whose <c>*.crt</c>
/// files are CAs trusted besides the system's. <c>--cert-dir DIR</c> replaces the search for every registry, as
/// Podman's <c>--cert-dir</c> does. Client certificates (<c>*.cert</c>, <c>*.key</c>) are not used.
/// </summary>
internal static class CertificateDirectories
{
    /// <summary>The system-wide roots, after the user's own.</summary>
    public static IReadOnlyList<string> SystemRoots { get; } = ["/etc/containers/certs.d", "/etc/docker/certs.d"];

    /// <summary>The roots searched for a user: their own, then the system's.</summary>
    /// <param name="home">The user's home directory, if known.</param>
    /// <returns>The roots, in order.</returns>
    public static IReadOnlyList<string> Roots(string? home) =>
        home is { Length: > 0 } ? [Path.Combine(home, ".config", "containers", "certs.d"), .. SystemRoots] : SystemRoots;

    /// <summary>The directory whose certificates a registry is trusted with, if any.</summary>
    /// <param name="registry">The registry as in image references (<c>host</c> or <c>host:port</c>).</param>
    /// <param name="certDir">The directory of <c>--cert-dir</c>, which applies to every registry.</param>
    /// <param name="roots">The roots to search when there is no <paramref name="certDir"/>.</param>
    /// <returns>The directory, or <see langword="null"/> when the system's trust alone applies.</returns>
    public static string? For(string registry, string? certDir, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (certDir is { Length: > 0 })
        {
            return certDir;
        }

        return roots.Select(root => Path.Combine(root, registry)).FirstOrDefault(Directory.Exists);
    }

    /// <summary>The CA files of a directory: its <c>*.crt</c> files, by name.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The files.</returns>
    public static IReadOnlyList<string> CaFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.crt").Order(StringComparer.Ordinal)]
            : [];
}
