using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Registry.References;

/// <summary>
/// A container image reference (<c>[registry/]repository[:tag][@digest]</c>) normalized as Docker, containerd and the
/// kubelet normalize it: no registry, or a first component without <c>.</c> or <c>:</c> that is not <c>localhost</c>,
/// means Docker Hub (<c>docker.io</c>), whose single-component names live under <c>library/</c>; <c>index.docker.io</c>
/// is Docker Hub too. With both a tag and a digest the digest decides what is pulled, as in containerd.
/// </summary>
public sealed partial record ImageReference
{
    private const int MaxNameLength = 255;

    private ImageReference(string text, string registry, string repository, string? tag, ContentDigest? digest)
    {
        Text = text;
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The reference as written.</summary>
    public string Text { get; }

    /// <summary>The registry host, with its port when written (<c>docker.io</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path in the registry (<c>library/busybox</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag as written, or <see langword="null"/> (see <see cref="ManifestReference"/>).</summary>
    public string? Tag { get; }

    /// <summary>The digest as written, or <see langword="null"/>.</summary>
    public ContentDigest? Digest { get; }

    /// <summary>The host that serves the registry's API (<c>registry-1.docker.io</c> for Docker Hub).</summary>
    public string ApiHost => RegistryHost.ApiHost(Registry);

    /// <summary>The normalized name without tag or digest (<c>docker.io/library/busybox</c>), what the kubelet matches credentials against.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What to ask the registry for: the digest when there is one, else the tag, else <c>latest</c> (the kubelet's default).</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>Parses a reference.</summary>
    /// <param name="text">The image as a Pod spec names it.</param>
    /// <param name="reference">The reference, when valid.</param>
    /// <param name="error">Why the text is not a valid reference (it quotes the text), when invalid.</param>
    /// <returns>Whether the text is a valid reference.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = Problem(text, out var registry, out var repository, out var tag, out var digest);
        if (error is not null)
        {
            error = string.IsNullOrEmpty(text) ? error : $"\"{text}\" is not a valid image reference: {error}";
            return false;
        }

        reference = new ImageReference(text!, registry!, repository!, tag, digest);
        return true;
    }

    /// <summary>Parses a reference, throwing <see cref="FormatException"/> with the reason when invalid.</summary>
    /// <param name="text">The image as a Pod spec names it.</param>
    /// <returns>The reference.</returns>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>The same image at a digest (the tag is kept for readers; the digest decides).</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The pinned reference.</returns>
    public ImageReference WithDigest(ContentDigest digest) =>
        new(Text, Registry, Repository, Tag, digest);

    /// <inheritdoc/>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static string? Problem(string? text, out string? registry, out string? repository, out string? tag, out ContentDigest? digest)
    {
        registry = repository = tag = null;
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            return "the image reference is empty";
        }

        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "it contains whitespace or control characters";
        }

        if (ImageIdPattern().IsMatch(text))
        {
            return "a 64-digit hexadecimal string is an image ID, not a reference to an image in a registry";
        }

        var name = text;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!ContentDigest.TryParse(name[(at + 1)..], out digest, out var digestError))
            {
                return digestError;
            }

            name = name[..at];
        }

        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return tag.Length == 0
                    ? "the tag after ':' is empty"
                    : $"the tag \"{tag}\" is invalid (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')";
            }
        }

        return NameProblem(name, out registry, out repository);
    }

    private static string? NameProblem(string name, out string? registry, out string? repository)
    {
        registry = repository = null;
        if (name.Length == 0)
        {
            return "the repository name is empty";
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : name[..slash];
        var hasRegistry = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var host = hasRegistry ? first : RegistryHost.DockerHub;
        var path = hasRegistry ? name[(slash + 1)..] : name;
        if (host == RegistryHost.DockerHubIndex)
        {
            host = RegistryHost.DockerHub;
        }

        if (!HostPattern().IsMatch(host))
        {
            return $"the registry host \"{host}\" is invalid (a host name or IP address, optionally with :port)";
        }

        if (host == RegistryHost.DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        var pathProblem = PathProblem(path);
        if (pathProblem is not null)
        {
            return pathProblem;
        }

        if (host.Length + 1 + path.Length > MaxNameLength)
        {
            return $"the name is longer than {MaxNameLength} characters";
        }

        registry = host;
        repository = path;
        return null;
    }

    private static string? PathProblem(string path)
    {
        if (!path.Equals(path.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return $"the repository name \"{path}\" must be lowercase";
        }

        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0)
            {
                return $"the repository name \"{path}\" has an empty path component";
            }

            if (!PathComponentPattern().IsMatch(component))
            {
                return $"the repository path component \"{component}\" is invalid (lowercase letters and digits, separated by '.', '_', '__' or dashes)";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();
}
