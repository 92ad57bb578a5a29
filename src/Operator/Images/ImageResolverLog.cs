using Kueueleuleu.Operator.Planning.Images;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Images;

/// <summary>The resolver's log messages.</summary>
internal static partial class ImageResolverLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "looked up {Image}: {Digest}, {Config}")]
    public static partial void Found(ILogger logger, ImageKey image, ContentDigest digest, ImageConfig config);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "looking up {Image} failed: {Failure}")]
    public static partial void LookupFailed(ILogger logger, ImageKey image, string failure);
}
