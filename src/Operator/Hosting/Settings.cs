using System.Globalization;
using Kueueleuleu.Converter;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Every setting of the operator; <see cref="All"/> drives parsing, validation and <c>--help</c>.</summary>
public static class Settings
{
    /// <summary>A JSON settings file read on top of <c>appsettings.json</c>.</summary>
    public static Setting Config { get; } = new("config", "A JSON settings file (keys under \"Kueueleuleu\", log levels under \"Logging\").", "none");

    /// <summary>The kubeconfig file.</summary>
    public static Setting Kubeconfig { get; } = new("kubeconfig", "The kubeconfig file; implies --in-cluster=false.", "$KUBECONFIG, else ~/.kube/config");

    /// <summary>The kubeconfig context.</summary>
    public static Setting Context { get; } = new("context", "The kubeconfig context.", "the current context");

    /// <summary>Whether to use the Pod's service account.</summary>
    public static Setting InCluster { get; } = new("in-cluster", "Use the Pod's service account: auto, true or false.", "auto (true when KUBERNETES_SERVICE_HOST is set and no --kubeconfig is given)");

    /// <summary>The watched namespaces.</summary>
    public static Setting Namespaces { get; } = new("namespaces", "Comma-separated namespaces to watch; empty for all.", "all");

    /// <summary>The entrypoint image.</summary>
    public static Setting EntrypointImage { get; } = new("entrypoint-image", "Image of the injected init container that copies the step runner.", ConversionOptions.DefaultEntrypointImage);

    /// <summary>Concurrent reconciles.</summary>
    public static Setting Workers { get; } = new("workers", "Concurrent reconciles per watched namespace (1-256).", OperatorSettings.DefaultWorkers.ToString(CultureInfo.InvariantCulture));

    /// <summary>Leader election on or off.</summary>
    public static Setting LeaderElect { get; } = new("leader-elect", "Elect a leader on a Lease; only the leader reconciles.", "false", IsSwitch: true);

    /// <summary>The Lease name.</summary>
    public static Setting LeaderElectionName { get; } = new("leader-election-name", "The Lease's name.", "kueueleuleu-operator");

    /// <summary>The Lease namespace.</summary>
    public static Setting LeaderElectionNamespace { get; } = new("leader-election-namespace", "The Lease's namespace.", "the service account's (in-cluster) or the context's namespace");

    /// <summary>This replica's identity.</summary>
    public static Setting LeaderElectionIdentity { get; } = new("leader-election-identity", "This replica's identity in the Lease.", "$POD_NAME or the host name, plus a random suffix");

    /// <summary>The lease duration.</summary>
    public static Setting LeaseDuration { get; } = new("leader-election-lease-duration", "How long a Lease lasts without renewal (whole seconds).", "15s");

    /// <summary>The renew deadline.</summary>
    public static Setting RenewDeadline { get; } = new("leader-election-renew-deadline", "How long the leader keeps trying to renew before it stops leading.", "10s");

    /// <summary>The retry period.</summary>
    public static Setting RetryPeriod { get; } = new("leader-election-retry-period", "How often the Lease is tried or renewed.", "2s");

    /// <summary>The HTTP listen address.</summary>
    public static Setting ListenAddress { get; } = new("listen-address", "host:port of /metrics, /healthz and /readyz.", "127.0.0.1:8080");

    /// <summary>The OTLP endpoint.</summary>
    public static Setting OtlpEndpoint { get; } = new("otlp-endpoint", "OTLP collector URL for metrics and traces; empty disables export.", "none");

    /// <summary>The OTLP protocol.</summary>
    public static Setting OtlpProtocol { get; } = new("otlp-protocol", "OTLP protocol: grpc or http/protobuf.", "grpc");

    /// <summary>The log format.</summary>
    public static Setting LogFormat { get; } = new("log-format", "Log format: text or json.", "text");

    /// <summary>The log level.</summary>
    public static Setting LogLevel { get; } = new("log-level", "Minimum log level: trace, debug, information, warning, error, critical.", "information");

    /// <summary>The graceful shutdown bound.</summary>
    public static Setting ShutdownTimeout { get; } = new("shutdown-timeout", "How long in-flight reconciles may finish after SIGTERM.", "10s");

    /// <summary>The watch idle bound.</summary>
    public static Setting WatchIdleTimeout { get; } = new(
        "watch-idle-timeout",
        "How long a watch may deliver nothing (no event, bookmark or end) before its connection is presumed dead and the watch resumed; the server is asked to end each watch within 60-80% of it. At least 5s.",
        "75s");

    /// <summary>Every setting, in <c>--help</c> order.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        Config, Kubeconfig, Context, InCluster, Namespaces, EntrypointImage, Workers,
        LeaderElect, LeaderElectionName, LeaderElectionNamespace, LeaderElectionIdentity, LeaseDuration, RenewDeadline, RetryPeriod,
        ListenAddress, OtlpEndpoint, OtlpProtocol, LogFormat, LogLevel, ShutdownTimeout, WatchIdleTimeout,
    ];
}
