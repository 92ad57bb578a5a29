using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>Reads <c>config.Entrypoint</c>, <c>config.Cmd</c> and <c>config.WorkingDir</c> from an image config blob (OCI or Docker).</summary>
public static class ImageConfigParser
{
    /// <summary>Parses an image config.</summary>
    /// <param name="content">The blob exactly as served.</param>
    /// <param name="config">The fields, when readable.</param>
    /// <param name="error">What is wrong with the blob, when not.</param>
    /// <returns>Whether it is an image config.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> content, [NotNullWhen(true)] out ImageConfig? config, [NotNullWhen(false)] out string? error)
    {
        config = null;
        try
        {
            using var json = StrictJson.Parse(content);
            var root = StrictJson.RequireObject(json.RootElement, "");

            // An image built FROM scratch with no ENTRYPOINT, CMD or ENV may have no config section at all, or a null one.
            if (StrictJson.OptionalObject(root, "config", "") is not { } section)
            {
                config = new ImageConfig(null, null, null);
            }
            else
            {
                var workingDir = StrictJson.OptionalString(section, "WorkingDir", "config");
                config = new ImageConfig(
                    StrictJson.OptionalStrings(section, "Entrypoint", "config"),
                    StrictJson.OptionalStrings(section, "Cmd", "config"),
                    string.IsNullOrEmpty(workingDir) ? null : workingDir);
            }

            error = null;
            return true;
        }
        catch (DocumentFormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}
