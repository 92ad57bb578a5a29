using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// Finds the credentials for an image as the kubelet's keyring does, so that a lookup succeeds with exactly the
/// credentials the node's pull will use:
/// <list type="bullet">
/// <item>a key loses its <c>http://</c> or <c>https://</c> scheme and a leading <c>/v1/</c> or <c>/v2/</c> path, so
/// <c>https://index.docker.io/v1/</c> is <c>index.docker.io</c>;</item>
/// <item>a key matches the image's normalized name (<c>docker.io/library/busybox</c>) when the ports are equal, the host
/// names have as many dot-separated parts and each part matches as a glob (<c>*.example.com</c>), and the key's path is
/// a prefix of the image's path;</item>
/// <item>keys are tried longest-first in reverse lexical order (<c>quay.io/team</c> before <c>quay.io</c>), a key's
/// credentials in the order they were added;</item>
/// <item>when nothing matches, an image the kubelet considers Docker Hub's (its first component has no <c>.</c> or
/// <c>:</c>, or is <c>docker.io</c> or <c>index.docker.io</c>) gets the <c>index.docker.io</c> credentials.</item>
/// </list>
/// Several credentials may come back; the kubelet tries each in turn, and so does the registry client.
/// </summary>
public sealed class CredentialKeyring
{
    private const string DefaultRegistryKey = "index.docker.io";

    private readonly List<string> index;
    private readonly Dictionary<string, List<RegistryCredential>> credentials;

    /// <summary>Creates a keyring from entries, such as those of every image pull secret of a Pod, in the Pod's order.</summary>
    /// <param name="entries">The entries.</param>
    public CredentialKeyring(IEnumerable<CredentialEntry> entries)
    {
        credentials = new Dictionary<string, List<RegistryCredential>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = NormalizeKey(entry.Key);
            if (!credentials.TryGetValue(key, out var list))
            {
                credentials[key] = list = [];
            }

            list.Add(entry.Credential);
        }

        index = [.. credentials.Keys.OrderDescending(StringComparer.Ordinal)];
    }

    /// <summary>A keyring without credentials: every request goes out anonymously.</summary>
    public static CredentialKeyring Empty { get; } = new([]);

    /// <summary>The credentials to try for an image, most specific first; empty when the pull is anonymous.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The credentials.</returns>
    public IReadOnlyList<RegistryCredential> Lookup(ImageReference image)
    {
        var target = image.Name;
        var found = index.Where(key => KeyMatches(key, target)).SelectMany(key => credentials[key]).ToList();
        if (found.Count == 0 && IsDefaultRegistryMatch(target) && credentials.TryGetValue(DefaultRegistryKey, out var hub))
        {
            found.AddRange(hub);
        }

        return found;
    }

    /// <summary>The key as the kubelet files it: no scheme, no leading <c>/v1/</c> or <c>/v2/</c>, no trailing lone <c>/</c>.</summary>
    /// <param name="key">The key as written.</param>
    /// <returns>The normalized key.</returns>
    internal static string NormalizeKey(string key)
    {
        var rest = key;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[scheme.Length..];
                break;
            }
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? rest : rest[..slash]).ToLowerInvariant();
        var path = slash < 0 ? "" : rest[slash..];
        if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        return path.Length > 0 && path != "/" ? host + path : host;
    }

    private static bool KeyMatches(string key, string target)
    {
        var (keyHost, keyPath) = SplitHostAndPath(key);
        var (targetHost, targetPath) = SplitHostAndPath(target);
        if (RegistryHost.Port(keyHost) != RegistryHost.Port(targetHost))
        {
            return false;
        }

        var keyParts = RegistryHost.HostName(keyHost).Split('.');
        var targetParts = RegistryHost.HostName(targetHost).ToLowerInvariant().Split('.');
        return keyParts.Length == targetParts.Length
            && targetPath.StartsWith(keyPath, StringComparison.Ordinal)
            && keyParts.Zip(targetParts).All(pair => HostGlob.Matches(pair.First, pair.Second));
    }

    private static (string Host, string Path) SplitHostAndPath(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (name, "") : (name[..slash], name[slash..]);
    }

    private static bool IsDefaultRegistryMatch(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return name.Length > 0;
        }

        var first = name[..slash];
        return first is RegistryHost.DockerHub or RegistryHost.DockerHubIndex
            || (first.Length > 0 && !first.Contains('.', StringComparison.Ordinal) && !first.Contains(':', StringComparison.Ordinal));
    }
}
