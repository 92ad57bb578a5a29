using Kueueleuleu.Registry.Manifests;

namespace Kueueleuleu.Cli.Images;

/// <summary>How <c>convert</c> looks up the images of steps without <c>command</c> (its flags, docs/cli.md).</summary>
/// <param name="Offline">No registry is asked (<c>--offline</c>).</param>
/// <param name="Platform">The platform where a pod spec names none (<c>--platform</c>, default linux/amd64).</param>
/// <param name="Pin">Whether steps are pinned to the digest that was looked up (<c>--pin-images</c>, default true).</param>
/// <param name="AuthFile">The credentials file named with <c>--authfile</c>, searched first.</param>
/// <param name="CertDir">The directory of CA certificates for every registry (<c>--cert-dir</c>).</param>
/// <param name="PlainHttp">Registries reached over plain HTTP although not on loopback (<c>--plain-http</c>).</param>
internal sealed record ImageLookupSettings(bool Offline, Platform Platform, bool Pin, string? AuthFile, string? CertDir, IReadOnlyList<string> PlainHttp);
