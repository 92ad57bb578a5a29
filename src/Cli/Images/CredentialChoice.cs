using Kueueleuleu.Registry.Authentication;

namespace Kueueleuleu.Cli.Images;

/// <summary>The credentials an image is looked up with, and what to tell the user when the registry refuses them.</summary>
/// <param name="Keyring">The keyring of the file that holds credentials for the image (empty: anonymous).</param>
/// <param name="Error">An auth file that cannot be read (the lookup is not attempted), if any.</param>
/// <param name="Advice">What to tell the user when the registry asks for other credentials.</param>
internal sealed record CredentialChoice(CredentialKeyring Keyring, string? Error, string Advice);
