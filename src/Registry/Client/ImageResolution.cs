using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry;

/// <summary>
/// The three reads of a lookup at one endpoint: the manifest for the reference, the platform's manifest when that was an
/// index, and the config blob. Everything read is checked against the digest it was asked by (or that the registry
/// announced in Docker-Content-Digest) and the size its descriptor states, so that a broken mirror or proxy cannot make
/// a step run something other than its image.
/// </summary>
internal static class ImageResolution
{
    public static async Task<Step<ResolvedImage>> ResolveAsync(
        RegistrySession session, ImageReference reference, Platform platform, RegistryClientOptions options, CancellationToken cancellationToken)
    {
        var top = await FetchManifestAsync(session, reference, reference.ManifestReference, reference.Digest, null, options, cancellationToken);
        if (!top.Ok)
        {
            return top.Problem;
        }

        var (document, digest) = top.Value;
        ContentDigest? indexDigest = null;
        Platform? chosen = null;
        if (document is ImageIndex index)
        {
            if (PlatformSelector.Select(index, platform) is not { } entry)
            {
                var offered = PlatformSelector.Offered(index);
                return new Problem(
                    RegistryFailureKind.NoMatchingPlatform,
                    $"{reference.Text}: the image has no manifest for {platform}; it offers {(offered.Count == 0 ? "no platform" : string.Join(", ", offered))}. Use an image built for {platform}, or run the step on a node of a platform it offers.");
            }

            var child = await FetchManifestAsync(session, reference, entry.Digest.ToString(), entry.Digest, entry, options, cancellationToken);
            if (!child.Ok)
            {
                return child.Problem;
            }

            indexDigest = digest;
            chosen = entry.Platform;
            (document, digest) = child.Value;
        }

        if (document is not ImageManifest manifest)
        {
            return Bad(session, reference, $"the index entry for {platform} ({digest}) is itself an index, not an image manifest");
        }

        var config = await FetchConfigAsync(session, reference, manifest.Config, options, cancellationToken);
        return config.Ok
            ? new ResolvedImage(reference, digest, indexDigest, chosen, config.Value, session.Endpoint.ToString())
            : config.Problem;
    }

    private static async Task<Step<Tuple<ManifestDocument, ContentDigest>>> FetchManifestAsync(
        RegistrySession session, ImageReference reference, string manifestReference, ContentDigest? expected, Descriptor? descriptor, RegistryClientOptions options, CancellationToken cancellationToken)
    {
        var what = $"manifest {reference.Repository}:{manifestReference}".Replace(":sha", "@sha", StringComparison.Ordinal);
        if (descriptor is not null && descriptor.Size > options.MaxManifestBytes)
        {
            return Bad(session, reference, $"the {what} is {descriptor.Size} bytes, more than the {options.MaxManifestBytes} a manifest may have");
        }

        var fetched = await session.GetAsync(session.Endpoint.Manifest(reference.Repository, manifestReference), MediaTypes.AcceptedManifests, options.MaxManifestBytes, what, cancellationToken);
        if (!fetched.Ok)
        {
            return fetched.Problem;
        }

        var body = fetched.Value.Body;
        var verified = VerifyManifestDigest(body.Span, expected, fetched.Value.DockerContentDigest, out var digest);
        if (verified is not null)
        {
            return Bad(session, reference, $"the {what} {verified}");
        }

        if (descriptor is not null && body.Length != descriptor.Size)
        {
            return Bad(session, reference, $"the {what} is {body.Length} bytes, not the {descriptor.Size} its index entry states");
        }

        return ManifestParser.TryParse(body, fetched.Value.ContentType, out var document, out var error)
            ? Tuple.Create(document, digest)
            : Bad(session, reference, $"the {what} cannot be read: {error}");
    }

    private static string? VerifyManifestDigest(ReadOnlySpan<byte> body, ContentDigest? expected, string? announced, out ContentDigest digest)
    {
        digest = ContentDigest.Compute(body, expected?.Algorithm ?? "sha256");
        if (expected is not null)
        {
            return digest == expected ? null : $"has the digest {digest}, not the {expected} it was asked by";
        }

        if (ContentDigest.TryParse(announced, out var header, out _) && !header.Matches(body))
        {
            return $"does not match the digest {header} the registry announced for it (Docker-Content-Digest)";
        }

        return null;
    }

    private static async Task<Step<ImageConfig>> FetchConfigAsync(
        RegistrySession session, ImageReference reference, Descriptor config, RegistryClientOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsImageConfig(config.MediaType))
        {
            return Bad(session, reference, $"its manifest's config has the media type \"{config.MediaType}\", so it is not a container image (an artifact such as a Helm chart or a signature?)");
        }

        if (config.Size > options.MaxConfigBytes)
        {
            return Bad(session, reference, $"its config is {config.Size} bytes, more than the {options.MaxConfigBytes} allowed");
        }

        var what = $"config blob {config.Digest}";
        var fetched = await session.GetAsync(session.Endpoint.Blob(reference.Repository, config.Digest.ToString()), [], options.MaxConfigBytes, what, cancellationToken);
        if (!fetched.Ok)
        {
            return fetched.Problem;
        }

        var body = fetched.Value.Body;
        if (!config.Digest.Matches(body.Span))
        {
            return Bad(session, reference, $"the {what} has the digest {ContentDigest.Compute(body.Span, config.Digest.Algorithm)}, not the {config.Digest} its manifest names");
        }

        if (body.Length != config.Size)
        {
            return Bad(session, reference, $"the {what} is {body.Length} bytes, not the {config.Size} its manifest states");
        }

        return ImageConfigParser.TryParse(body, out var parsed, out var error)
            ? parsed
            : Bad(session, reference, $"the {what} cannot be read: {error}");
    }

    private static Problem Bad(RegistrySession session, ImageReference reference, string what) =>
        new(RegistryFailureKind.BadResponse, $"{reference.Text}: {session.Endpoint}: {what}.");
}
