namespace Kueueleuleu.TestSupport;

/// <summary>A temporary copy of a kubeconfig whose clusters point at another server URL (a relay or proxy); deleted on dispose.</summary>
public sealed class RelayedKubeconfig : IDisposable
{
    private RelayedKubeconfig(string path) => Path = path;

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Writes the copy of <paramref name="kubeconfig"/> with every <c>server:</c> replaced by <paramref name="server"/>.</summary>
    /// <param name="kubeconfig">The original (for instance <see cref="LocalClusterScripts.AdminKubeconfig"/>).</param>
    /// <param name="server">The URL to connect to instead.</param>
    /// <returns>The copy.</returns>
    public static RelayedKubeconfig Create(string kubeconfig, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var lines = File.ReadAllLines(kubeconfig).Select(line =>
        {
            var trimmed = line.TrimStart();
            return trimmed.StartsWith("server:", StringComparison.Ordinal)
                ? $"{line[..(line.Length - trimmed.Length)]}server: {server.AbsoluteUri.TrimEnd('/')}"
                : line;
        });
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kl-relayed-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllLines(path, lines);
        return new RelayedKubeconfig(path);
    }

    /// <summary>Deletes the file.</summary>
    public void Dispose() => File.Delete(Path);
}
