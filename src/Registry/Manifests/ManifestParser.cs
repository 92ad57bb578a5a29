using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// Reads a manifest by its media type: the <c>mediaType</c> field of the body first (it is covered by the digest), then
/// the response's Content-Type, then the body's shape (<c>manifests</c> makes an index, <c>config</c> an image manifest),
/// because the OCI specification made <c>mediaType</c> optional and some registries serve generic content types.
/// </summary>
public static class ManifestParser
{
    /// <summary>Parses a manifest.</summary>
    /// <param name="content">The body exactly as served.</param>
    /// <param name="contentType">The response's Content-Type, if any.</param>
    /// <param name="document">The manifest or index, when readable.</param>
    /// <param name="error">What is wrong with it, when not.</param>
    /// <returns>Whether it is a manifest this library reads.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> content, string? contentType, [NotNullWhen(true)] out ManifestDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        try
        {
            using var json = StrictJson.Parse(content);
            var root = StrictJson.RequireObject(json.RootElement, "");
            document = Read(root, contentType);
            error = null;
            return true;
        }
        catch (DocumentFormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static ManifestDocument Read(JsonElement root, string? contentType)
    {
        var mediaType = StrictJson.OptionalString(root, "mediaType", "") ?? SpecificType(contentType) ?? TypeByShape(root);
        if (mediaType is MediaTypes.DockerSchema1Manifest or MediaTypes.DockerSchema1SignedManifest)
        {
            throw new DocumentFormatException("it is a Docker schema 1 manifest, which is deprecated and has no image config; push the image again with a current client");
        }

        var schemaVersion = StrictJson.OptionalWhole(root, "schemaVersion", "");
        if (schemaVersion is not null and not 2)
        {
            throw new DocumentFormatException($"schemaVersion is {schemaVersion}; only version 2 manifests are supported");
        }

        if (MediaTypes.IsIndex(mediaType))
        {
            var entries = StrictJson.RequireArray(root, "manifests", "");
            return new ImageIndex(mediaType, [.. entries.Select((entry, i) => ReadDescriptor(entry, StrictJson.Index("manifests", i), withPlatform: true))]);
        }

        if (MediaTypes.IsImageManifest(mediaType))
        {
            var config = StrictJson.Field(root, "config") ?? throw new DocumentFormatException("config is missing");
            return new ImageManifest(mediaType, ReadDescriptor(config, "config", withPlatform: false));
        }

        throw new DocumentFormatException($"its media type \"{mediaType}\" is not an image manifest or index");
    }

    private static string? SpecificType(string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return type is MediaTypes.OciIndex or MediaTypes.OciManifest or MediaTypes.DockerManifestList or MediaTypes.DockerManifest
            or MediaTypes.DockerSchema1Manifest or MediaTypes.DockerSchema1SignedManifest
            ? type
            : null;
    }

    private static string TypeByShape(JsonElement root)
    {
        if (StrictJson.Field(root, "manifests") is not null)
        {
            return MediaTypes.OciIndex;
        }

        if (StrictJson.Field(root, "config") is not null)
        {
            return MediaTypes.OciManifest;
        }

        if (StrictJson.Field(root, "fsLayers") is not null || StrictJson.OptionalWhole(root, "schemaVersion", "") == 1)
        {
            return MediaTypes.DockerSchema1Manifest;
        }

        throw new DocumentFormatException("it has no mediaType and neither manifests nor config, so it is not an image manifest or index");
    }

    private static Descriptor ReadDescriptor(JsonElement element, string path, bool withPlatform)
    {
        var obj = StrictJson.RequireObject(element, path);
        var digestText = StrictJson.RequireString(obj, "digest", path);
        if (!ContentDigest.TryParse(digestText, out var digest, out var digestError))
        {
            throw new DocumentFormatException($"{StrictJson.Join(path, "digest")}: {digestError}");
        }

        var size = StrictJson.OptionalWhole(obj, "size", path) ?? throw new DocumentFormatException($"{StrictJson.Join(path, "size")} is missing");
        if (size < 0)
        {
            throw new DocumentFormatException($"{StrictJson.Join(path, "size")} is negative");
        }

        var mediaType = StrictJson.OptionalString(obj, "mediaType", path) ?? "";
        var platform = withPlatform ? ReadPlatform(obj, path) : null;
        return new Descriptor(mediaType, digest, size, platform);
    }

    private static Platform? ReadPlatform(JsonElement descriptor, string path)
    {
        var platformPath = StrictJson.Join(path, "platform");
        if (StrictJson.OptionalObject(descriptor, "platform", path) is not { } platform)
        {
            return null;
        }

        var os = StrictJson.RequireString(platform, "os", platformPath);
        var architecture = StrictJson.RequireString(platform, "architecture", platformPath);
        return Platform.FromIndex(os, architecture, StrictJson.OptionalString(platform, "variant", platformPath));
    }
}
