using Microsoft.Extensions.Logging;

namespace Kueueleuleu.ControllerRuntime.Diagnostics;

/// <summary>The controller runtime's log messages (event ids 1000-1099), compiled once by the logging generator.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1000, LogLevel.Information, "Informer for {Resource} starting (namespace {Namespace}, selector '{Selector}')")]
    public static partial void InformerStarting(ILogger logger, string resource, string @namespace, string selector);

    [LoggerMessage(1001, LogLevel.Information, "Informer for {Resource} synced with {Count} objects")]
    public static partial void InformerSynced(ILogger logger, string resource, int count);

    [LoggerMessage(1002, LogLevel.Warning, "List or watch of {Resource} in {Namespace} failed, retrying with backoff: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string resource, string @namespace, string reason, Exception? exception);

    [LoggerMessage(1004, LogLevel.Information, "Watch of {Resource} in {Namespace} open again after {Seconds:0.0}s of failures")]
    public static partial void WatchRecovered(ILogger logger, string resource, string @namespace, double seconds);

    [LoggerMessage(1003, LogLevel.Error, "A change handler of the {Resource} informer failed")]
    public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Controller {Controller} waiting for {Count} caches to sync")]
    public static partial void WaitingForSync(ILogger logger, string controller, int count);

    [LoggerMessage(1011, LogLevel.Information, "Controller {Controller} started {Workers} workers with {Queued} keys queued")]
    public static partial void ControllerStarted(ILogger logger, string controller, int workers, int queued);

    [LoggerMessage(1012, LogLevel.Information, "Controller {Controller} stopping: waiting for in-flight reconciles")]
    public static partial void ControllerStopping(ILogger logger, string controller);

    [LoggerMessage(1013, LogLevel.Information, "Controller {Controller} stopped")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(1014, LogLevel.Warning, "Controller {Controller}: reconciles still running after {Timeout}, cancelling them")]
    public static partial void CancellingReconciles(ILogger logger, string controller, TimeSpan timeout);

    [LoggerMessage(1015, LogLevel.Error, "Controller {Controller}: reconciles ignored cancellation; stopped without them")]
    public static partial void ReconcilesAbandoned(ILogger logger, string controller);

    [LoggerMessage(1016, LogLevel.Error, "Controller {Controller}: reconcile of {Key} failed (retry {Retries})")]
    public static partial void ReconcileFailed(ILogger logger, string controller, string key, int retries, Exception exception);

    [LoggerMessage(1017, LogLevel.Debug, "Controller {Controller}: {Key} requeued after {Delay}")]
    public static partial void Requeued(ILogger logger, string controller, string key, TimeSpan delay);

    [LoggerMessage(1020, LogLevel.Information, "Competing for lease {Namespace}/{Name} as {Identity}")]
    public static partial void Acquiring(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(1021, LogLevel.Information, "Lease {Namespace}/{Name}: {Identity} leading={Leading} ({Change})")]
    public static partial void LeadershipChanged(ILogger logger, string @namespace, string name, string identity, bool leading, string change);

    [LoggerMessage(1022, LogLevel.Warning, "Lease {Namespace}/{Name} lost: {Reason} (holder last seen '{Holder}'); reconciles and writes stop now")]
    public static partial void LeadershipLost(ILogger logger, string @namespace, string name, string reason, string holder);

    [LoggerMessage(1023, LogLevel.Information, "Lease {Namespace}/{Name} is held by '{Holder}'")]
    public static partial void NewLeader(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(1024, LogLevel.Debug, "Lease {Namespace}/{Name}: another replica wrote first")]
    public static partial void LostRace(ILogger logger, string @namespace, string name);

    [LoggerMessage(1025, LogLevel.Warning, "Lease {Namespace}/{Name}: attempt failed: {Reason}")]
    public static partial void LeaseAttemptFailed(ILogger logger, string @namespace, string name, string reason, Exception? exception);

    [LoggerMessage(1026, LogLevel.Information, "Lease {Namespace}/{Name} released")]
    public static partial void Released(ILogger logger, string @namespace, string name);

    [LoggerMessage(1027, LogLevel.Warning, "Lease {Namespace}/{Name}: release failed, others wait for expiry: {Reason}")]
    public static partial void ReleaseFailed(ILogger logger, string @namespace, string name, string reason, Exception exception);

    [LoggerMessage(1028, LogLevel.Error, "The work run while leading failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(1029, LogLevel.Critical, "The work run while leading did not stop within {Timeout}")]
    public static partial void WorkDidNotStop(ILogger logger, TimeSpan timeout);

    [LoggerMessage(1018, LogLevel.Warning, "Controller {Controller}: leadership ended, in-flight reconciles cancelled")]
    public static partial void ControllerAborted(ILogger logger, string controller);
}
