using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// Reads registry credentials from the documents the kubelet and container tools keep them in: a
/// <c>kubernetes.io/dockerconfigjson</c> Secret's <c>.dockerconfigjson</c>, Docker's <c>config.json</c> and Podman's
/// <c>auth.json</c> (all <c>{"auths": {key: entry}}</c>), and the legacy <c>kubernetes.io/dockercfg</c> (<c>{key: entry}</c>).
/// An entry's <c>auth</c> (base64 of <c>user:password</c>) wins over its <c>username</c>/<c>password</c>, as in the
/// kubelet. Credential helpers (<c>credHelpers</c>, <c>credsStore</c>) are not run: they are programs on someone's
/// workstation, not data. A malformed document is an error naming the source and the field, never a partial keyring,
/// because the kubelet also rejects the whole Secret.
/// </summary>
public static class DockerConfigReader
{
    /// <summary>Reads a <c>.dockerconfigjson</c>, Docker <c>config.json</c> or Podman <c>auth.json</c>.</summary>
    /// <param name="content">The document.</param>
    /// <param name="source">What it is, for messages (<c>secret team/regcred</c>, a file path).</param>
    /// <param name="entries">The entries in document order, when readable.</param>
    /// <param name="error">What is wrong, naming the source and field, when not.</param>
    /// <returns>Whether the document is readable.</returns>
    public static bool TryReadConfigJson(ReadOnlyMemory<byte> content, string source, [NotNullWhen(true)] out IReadOnlyList<CredentialEntry>? entries, [NotNullWhen(false)] out string? error) =>
        TryRead(content, source, legacy: false, out entries, out error);

    /// <summary>Reads a legacy <c>.dockercfg</c> (keys at the top level).</summary>
    /// <param name="content">The document.</param>
    /// <param name="source">What it is, for messages.</param>
    /// <param name="entries">The entries in document order, when readable.</param>
    /// <param name="error">What is wrong, naming the source and field, when not.</param>
    /// <returns>Whether the document is readable.</returns>
    public static bool TryReadDockerCfg(ReadOnlyMemory<byte> content, string source, [NotNullWhen(true)] out IReadOnlyList<CredentialEntry>? entries, [NotNullWhen(false)] out string? error) =>
        TryRead(content, source, legacy: true, out entries, out error);

    private static bool TryRead(ReadOnlyMemory<byte> content, string source, bool legacy, [NotNullWhen(true)] out IReadOnlyList<CredentialEntry>? entries, [NotNullWhen(false)] out string? error)
    {
        entries = null;
        try
        {
            using var json = StrictJson.Parse(content);
            var root = StrictJson.RequireObject(json.RootElement, "");
            var path = legacy ? "" : "auths";
            var auths = legacy ? root : StrictJson.OptionalObject(root, "auths", "");
            entries = auths is { } map ? [.. map.EnumerateObject().Select(property => ReadEntry(property, path, source))] : [];
            error = null;
            return true;
        }
        catch (DocumentFormatException exception)
        {
            error = $"{source}: {exception.Message}";
            return false;
        }
    }

    private static CredentialEntry ReadEntry(JsonProperty property, string path, string source)
    {
        var entryPath = $"{path}[\"{property.Name}\"]";
        var entry = StrictJson.RequireObject(property.Value, entryPath);
        var username = StrictJson.OptionalString(entry, "username", entryPath) ?? "";
        var password = StrictJson.OptionalString(entry, "password", entryPath) ?? "";
        if (StrictJson.OptionalString(entry, "auth", entryPath) is { Length: > 0 } auth)
        {
            (username, password) = DecodeAuth(auth, StrictJson.Join(entryPath, "auth"));
        }

        return new CredentialEntry(property.Name, new RegistryCredential(username, password, source));
    }

    private static (string Username, string Password) DecodeAuth(string auth, string path)
    {
        var bytes = new byte[auth.Length];
        if (!Convert.TryFromBase64String(auth, bytes, out var length))
        {
            throw new DocumentFormatException($"{path} is not base64 (it must be base64 of \"username:password\")");
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? throw new DocumentFormatException($"{path} decodes to text without ':' (it must be base64 of \"username:password\")")
            : (text[..colon], text[(colon + 1)..]);
    }
}
