using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// The platform a Pod's images are looked up for, or why its spec does not allow choosing one (the field and the reason).
/// </summary>
public sealed record PlatformChoice
{
    private PlatformChoice(Platform? platform, string? errorPath, string? error)
    {
        Platform = platform;
        ErrorPath = errorPath;
        Error = error;
    }

    /// <summary>The chosen platform, when there is one.</summary>
    public Platform? Platform { get; }

    /// <summary>The field of the pod spec that makes the choice impossible, when there is no platform.</summary>
    public string? ErrorPath { get; }

    /// <summary>Why no platform can be chosen.</summary>
    public string? Error { get; }

    /// <summary>Whether a platform was chosen.</summary>
    [MemberNotNullWhen(true, nameof(Platform))]
    [MemberNotNullWhen(false, nameof(ErrorPath), nameof(Error))]
    public bool Succeeded => Platform is not null;

    /// <summary>A chosen platform.</summary>
    public static PlatformChoice Of(Platform platform) => new(platform, null, null);

    /// <summary>No platform: <paramref name="error"/> explains what at <paramref name="path"/> prevents the choice.</summary>
    public static PlatformChoice Fail(string path, string error) => new(null, path, error);
}
