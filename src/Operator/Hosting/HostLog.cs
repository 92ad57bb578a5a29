using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>The host's log messages (source-generated).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "kueueleuleu-operator {Version} starting: API server {Server} ({Source}), namespaces {Namespaces}, {Workers} workers, leader election {LeaderElection}")]
    public static partial void Starting(ILogger logger, string version, Uri server, string source, string namespaces, int workers, string leaderElection);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Serving /metrics, /healthz and /readyz on http://{Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Caches synced: {SequentialJobs} SequentialJobs, {Jobs} Jobs, {Pods} Pods")]
    public static partial void CachesSynced(ILogger logger, int sequentialJobs, int jobs, int pods);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Started leading: reconciling")]
    public static partial void Leading(ILogger logger);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Stopped reconciling")]
    public static partial void StoppedReconciling(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "The operator stopped on an unrecoverable error")]
    public static partial void Fatal(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Exporting metrics and traces with OTLP ({Protocol}) to {Endpoint}")]
    public static partial void Otlp(ILogger logger, string protocol, Uri endpoint);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Shutting down")]
    public static partial void ShuttingDown(ILogger logger);
}
