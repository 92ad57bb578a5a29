using Kueueleuleu.Registry.Authentication;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// The user's registry credentials, read from the auth files of <see cref="AuthFileLocations"/> when a lookup first needs
/// them (a run that looks nothing up reads none). For an image, the files are searched in order and the first holding a
/// credential for the image's registry wins, as in Podman; matching within a file follows the kubelet's keyring (which
/// agrees with Docker and Podman for keys that are hosts, <c>host:port</c> or <c>host/namespace</c>), so a file that
/// works here works as an image pull secret too. Thread-safe: lookups run concurrently.
/// </summary>
internal sealed class RegistryCredentials
{
    private readonly IReadOnlyList<(AuthFile File, Lazy<AuthFileContent> Content)> files;

    /// <summary>Creates the credentials of a run.</summary>
    /// <param name="files">The files to search, in order.</param>
    public RegistryCredentials(IReadOnlyList<AuthFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        this.files = [.. files.Select(file => (file, new Lazy<AuthFileContent>(() => AuthFileContent.Read(file))))];
    }

    /// <summary>The credentials to look an image up with.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The keyring to use, or the unreadable file, and advice for a refusal.</returns>
    public CredentialChoice For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var notes = new List<string>();
        foreach (var (_, lazy) in files)
        {
            var content = lazy.Value;
            if (content.Error is not null)
            {
                return new CredentialChoice(CredentialKeyring.Empty, $"cannot read registry credentials: {content.Error}; fix the file, or name another with --authfile.", string.Empty);
            }

            if (content.HelperFor(image.Registry) is { } helper)
            {
                // Podman stops at a file whose credHelpers names the registry and asks the helper; helpers are not run here.
                notes.Add($"{content.File.Path} keeps the credentials for {image.Registry} in the credential helper '{helper}' (credHelpers), which kueueleuleu does not run");
                return new CredentialChoice(CredentialKeyring.Empty, null, Advice(image, notes));
            }

            if (content.Keyring.Lookup(image).Any(credential => !credential.IsAnonymous))
            {
                return new CredentialChoice(content.Keyring, null, Advice(image, notes, content.File));
            }

            if (content.Store is { } store)
            {
                notes.Add($"{content.File.Path} keeps its credentials in the credential store '{store}' (credsStore), which kueueleuleu does not run");
            }
        }

        return new CredentialChoice(CredentialKeyring.Empty, null, Advice(image, notes));
    }

    private string Advice(ImageReference image, List<string> notes, AuthFile? used = null)
    {
        var read = files.Where(f => f.Content.IsValueCreated && f.Content.Value.Exists).Select(f => f.File.Path).ToList();
        var source = used is not null
            ? $"kueueleuleu used the credentials for {image.Registry} from {used.Path}."
            : read.Count == 0
                ? $"kueueleuleu found no credentials file (it looks in {string.Join(", ", files.Select(f => f.File.Path))})."
                : $"None of the credentials files kueueleuleu read ({string.Join(", ", read)}) has credentials for {image.Registry}.";
        var helperAdvice = notes.Count == 0
            ? string.Empty
            : $" {string.Join("; ", notes)}: write the credentials into a file (podman login --authfile FILE {image.Registry}) and pass --authfile FILE.";
        return $"{source}{helperAdvice} Log in with 'podman login {image.Registry}' or 'docker login {image.Registry}', or name a file with --authfile FILE.";
    }
}
