namespace Kueueleuleu.Registry.Authentication;

/// <summary>One entry of a Docker config: the key it is filed under (a host, <c>host/path</c> or URL) and its credential.</summary>
/// <param name="Key">The key as written, such as <c>ghcr.io</c> or <c>https://index.docker.io/v1/</c>.</param>
/// <param name="Credential">The credential.</param>
public sealed record CredentialEntry(string Key, RegistryCredential Credential);
