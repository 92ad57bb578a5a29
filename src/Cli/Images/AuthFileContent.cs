using System.Text.Json;
using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// What one auth file holds: its credentials as a keyring, and the credential helpers it names, which kueueleuleu does
/// not run (they are programs such as <c>docker-credential-desktop</c>; the lookup uses data only, as the operator
/// does) but names in messages, since an entry kept by a helper looks empty in the file.
/// </summary>
internal sealed class AuthFileContent
{
    private readonly Dictionary<string, string> helpers;

    private AuthFileContent(AuthFile file, CredentialKeyring keyring, string? store, Dictionary<string, string> helpers, string? error, bool exists)
    {
        File = file;
        Keyring = keyring;
        Store = store;
        this.helpers = helpers;
        Error = error;
        Exists = exists;
    }

    /// <summary>The file.</summary>
    public AuthFile File { get; }

    /// <summary>Its credentials (empty when it does not exist or cannot be read).</summary>
    public CredentialKeyring Keyring { get; }

    /// <summary>The credential store it names (<c>credsStore</c>), if any.</summary>
    public string? Store { get; }

    /// <summary>Why it cannot be used, naming the file and the field, if it cannot.</summary>
    public string? Error { get; }

    /// <summary>Whether the file exists.</summary>
    public bool Exists { get; }

    /// <summary>Reads a file; a missing file is empty (an error when it was named explicitly).</summary>
    /// <param name="file">The file.</param>
    /// <returns>Its content.</returns>
    public static AuthFileContent Read(AuthFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file.Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return file.Required
                ? Failed(file, $"{file.Path} (named by {file.Origin}) does not exist", exists: false)
                : new AuthFileContent(file, CredentialKeyring.Empty, null, [], null, exists: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(file, $"{file.Path} cannot be read: {e.Message}", exists: true);
        }

        return Parse(file, bytes);
    }

    /// <summary>Reads a file's content.</summary>
    /// <param name="file">The file it came from.</param>
    /// <param name="bytes">Its content.</param>
    /// <returns>The content, or the error naming the file and the field.</returns>
    public static AuthFileContent Parse(AuthFile file, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        var read = file.Legacy
            ? DockerConfigReader.TryReadDockerCfg(bytes, file.Path, out var entries, out var error)
            : DockerConfigReader.TryReadConfigJson(bytes, file.Path, out entries, out error);
        if (!read)
        {
            return Failed(file, error!, exists: true);
        }

        var (store, helpers) = file.Legacy ? (null, new Dictionary<string, string>()) : ReadHelpers(bytes);
        return new AuthFileContent(file, new CredentialKeyring(entries!), store, helpers, null, exists: true);
    }

    /// <summary>The helper this file names for a registry (<c>credHelpers</c>), if any.</summary>
    /// <param name="registry">The registry host as in the image (<c>ghcr.io</c>, <c>docker.io</c>).</param>
    /// <returns>The helper's name.</returns>
    public string? HelperFor(string registry)
    {
        var wanted = HostKey(registry);
        return helpers.FirstOrDefault(pair => HostKey(pair.Key) == wanted).Value;
    }

    private static AuthFileContent Failed(AuthFile file, string error, bool exists) =>
        new(file, CredentialKeyring.Empty, null, [], error, exists);

    // DockerConfigReader has already checked the document; the helpers are read leniently beside it.
    private static (string? Store, Dictionary<string, string> Helpers) ReadHelpers(byte[] bytes)
    {
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        var store = root.TryGetProperty("credsStore", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() is { Length: > 0 } name ? name : null;
        var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("credHelpers", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            foreach (var helper in h.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                helpers[helper.Name] = helper.Value.GetString()!;
            }
        }

        return (store, helpers);
    }

    // Helper keys are registry hosts, sometimes written as URLs; Docker Hub has three names.
    private static string HostKey(string key)
    {
        var host = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..] : key;
        host = host.Split('/')[0].ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" ? "docker.io" : host;
    }
}
