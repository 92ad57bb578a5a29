namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>
/// A watch stream stayed silent longer than its <see cref="Resources.WatchOptions.IdleTimeout"/>: the connection is
/// presumed dead (dropped by a load balancer or NAT without a reset) and has been closed. Resume from the last
/// resource version.
/// </summary>
public sealed class WatchIdleException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="request">The verb and path of the watch.</param>
    /// <param name="idleTimeout">The silence that was allowed.</param>
    public WatchIdleException(string request, TimeSpan idleTimeout)
        : base($"{request}: nothing received for {idleTimeout.TotalSeconds:0.###}s (no event, bookmark or end of stream): the connection is presumed dead")
    {
        Request = request;
        IdleTimeout = idleTimeout;
    }

    /// <summary>The verb and path of the watch.</summary>
    public string Request { get; }

    /// <summary>The silence that was allowed.</summary>
    public TimeSpan IdleTimeout { get; }
}
