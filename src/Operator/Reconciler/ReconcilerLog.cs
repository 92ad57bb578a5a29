using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>The reconciler's log messages (source-generated, so disabled levels cost nothing).</summary>
internal static partial class ReconcilerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Created Job {Namespace}/{Job} for SequentialJob {Name}")]
    public static partial void JobCreated(ILogger logger, string @namespace, string job, string name);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Job {Namespace}/{Job} already exists although the cache had none; reading it")]
    public static partial void JobExists(ILogger logger, string @namespace, string job);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Patched Job {Namespace}/{Job}")]
    public static partial void JobPatched(ILogger logger, string @namespace, string job);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Wrote the status of {Namespace}/{Name}: phase {Phase}, progress {Progress}")]
    public static partial void StatusWritten(ILogger logger, string @namespace, string name, string? phase, string? progress);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "The status write of {Namespace}/{Name} conflicted with a newer version; reconciling again")]
    public static partial void StatusConflict(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Deleting SequentialJob {Namespace}/{Name}: its retention expired")]
    public static partial void RetentionExpired(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Namespace}/{Name}: {Error}")]
    public static partial void EventFailed(ILogger logger, string @namespace, string name, string reason, string error);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Dropped event {Reason} on {Namespace}/{Name}: {Pending} events are already waiting to be sent")]
    public static partial void EventDropped(ILogger logger, string @namespace, string name, string reason, int pending);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The API server refused to create Job {Namespace}/{Job}: {Error}")]
    public static partial void JobRefused(ILogger logger, string @namespace, string job, string error);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The API server refused the status of {Namespace}/{Name}: {Error}")]
    public static partial void StatusRefused(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Deleting Job {Namespace}/{Job}: the run's outcome is recorded and its ttlSecondsAfterFinished expired")]
    public static partial void JobTtlExpired(ILogger logger, string @namespace, string job);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Job {Namespace}/{Job} is gone although the status says it was created; the run is not started again")]
    public static partial void JobGone(ILogger logger, string @namespace, string job);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "SequentialJob {Namespace}/{Name} finished: {Phase}")]
    public static partial void RunFinished(ILogger logger, string @namespace, string name, string phase);
}
