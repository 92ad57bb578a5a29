using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry;

/// <summary>
/// Where a registry's API is asked: mirrors first, in their configured order, then the registry itself. Plain HTTP for
/// loopback hosts and configured insecure hosts, HTTPS otherwise; a mirror written as a URL keeps its scheme.
/// </summary>
/// <param name="BaseUrl">The scheme and host, such as <c>https://registry-1.docker.io</c>.</param>
/// <param name="IsMirror">Whether it is a mirror (whose failure falls through to the next endpoint).</param>
internal sealed record RegistryEndpoint(Uri BaseUrl, bool IsMirror)
{
    public static IReadOnlyList<RegistryEndpoint> For(ImageReference reference, RegistryClientOptions options)
    {
        var mirrors = options.Mirrors.TryGetValue(reference.Registry, out var list) ? list : [];
        return [.. mirrors.Select(mirror => FromText(mirror, options, isMirror: true)), FromText(reference.ApiHost, options, isMirror: false)];
    }

    /// <summary>Whether a mirror is written as <c>host[:port]</c> or an absolute http(s) URL.</summary>
    public static bool IsValidAddress(string text) =>
        text.Contains("://", StringComparison.Ordinal)
            ? Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            : Uri.CheckHostName(RegistryHost.HostName(text)) != UriHostNameType.Unknown
              && (RegistryHost.Port(text) is not { } port || ushort.TryParse(port, out _));

    public Uri Manifest(string repository, string reference) => new(BaseUrl, $"/v2/{repository}/manifests/{reference}");

    public Uri Blob(string repository, string digest) => new(BaseUrl, $"/v2/{repository}/blobs/{digest}");

    public override string ToString() => BaseUrl.GetLeftPart(UriPartial.Authority);

    private static RegistryEndpoint FromText(string text, RegistryClientOptions options, bool isMirror)
    {
        if (text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return new RegistryEndpoint(new Uri(url.GetLeftPart(UriPartial.Authority)), isMirror);
        }

        var plain = RegistryHost.IsLoopback(text) || options.InsecureHosts.Contains(text);
        return new RegistryEndpoint(new Uri($"{(plain ? "http" : "https")}://{text}"), isMirror);
    }
}
