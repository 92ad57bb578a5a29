using System.Globalization;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>Options of a pod log call.</summary>
public sealed record PodLogOptions
{
    /// <summary>The container; required when the Pod has several.</summary>
    public string? Container { get; init; }

    /// <summary>Only the last this many lines.</summary>
    public long? TailLines { get; init; }

    /// <summary>Only lines logged at or after this time (whole seconds).</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>Only lines of the last this many seconds.</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>The logs of the previous (terminated) instance of the container.</summary>
    public bool Previous { get; init; }

    internal string ToQuery(bool follow) => new QueryString()
        .Add("container", Container)
        .Add("tailLines", TailLines)
        .Add("sinceTime", SinceTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
        .Add("sinceSeconds", SinceSeconds)
        .Add("timestamps", Timestamps)
        .Add("previous", Previous)
        .Add("follow", follow)
        .ToString();
}
