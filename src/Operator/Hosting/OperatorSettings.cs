using System.Net;
using Kueueleuleu.StepProtocol;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>The operator's validated configuration. Build it with <see cref="OperatorSettingsReader.Read"/>.</summary>
public sealed record OperatorSettings
{
    /// <summary>The kubeconfig file; null for <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context; null for the current one.</summary>
    public string? Context { get; init; }

    /// <summary>Whether to use the Pod's service account instead of a kubeconfig.</summary>
    public bool InCluster { get; init; }

    /// <summary>The watched namespaces; empty for all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>The entrypoint image.</summary>
    public string EntrypointImage { get; init; } = ConversionOptions.DefaultEntrypointImage;

    /// <summary>The platform of steps whose Pod names none (<c>os/arch[/variant]</c>).</summary>
    public string DefaultPlatform { get; init; } = "linux/amd64";

    /// <summary>Whether looked-up images are pinned to the digest that was read.</summary>
    public bool PinImages { get; init; } = true;

    /// <summary>A PEM bundle of extra CA certificates for registries; <see langword="null"/> for the system's only.</summary>
    public string? RegistryCaFile { get; init; }

    /// <summary>Registries reached over plain HTTP, as <c>host[:port]</c>.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Mirrors per registry host, asked first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RegistryMirrors { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The default of <see cref="Workers"/>. A reconcile mostly waits on a status write, and while the API server is
    /// slow (50-200 ms a write on a busy node) few workers make the SequentialJobs that changed together wait in line
    /// for each other's writes (measured in docs/benchmarks.md). Idle workers cost nothing.
    /// </summary>
    public const int DefaultWorkers = 16;

    /// <summary>Concurrent reconciles per watched namespace.</summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>Whether to elect a leader.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>The Lease name.</summary>
    public string LeaseName { get; init; } = "kueueleuleu-operator";

    /// <summary>The Lease namespace; null for the client's default namespace.</summary>
    public string? LeaseNamespace { get; init; }

    /// <summary>This replica's identity; null for the default (host name and a random suffix).</summary>
    public string? Identity { get; init; }

    /// <summary>How long a Lease lasts without renewal.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a leader keeps trying to renew.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the Lease is tried or renewed.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> listen.</summary>
    public IPEndPoint ListenAddress { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>The OTLP collector; null disables export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The OTLP protocol.</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>The log format.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>The minimum log level.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How long in-flight reconciles may finish on shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default of <see cref="WatchIdleTimeout"/>: the API server (1.20 and later) sends a bookmark about once a
    /// minute, but only once the resource saw a change since it started; each watch asks the server to end it within
    /// 60-80% of the bound (45-60 s), so even a quiet healthy watch delivers its end well before it.
    /// </summary>
    public static readonly TimeSpan DefaultWatchIdleTimeout = TimeSpan.FromSeconds(75);

    /// <summary>How long a watch may deliver nothing (no event, bookmark or end) before it is presumed dead and resumed.</summary>
    public TimeSpan WatchIdleTimeout { get; init; } = DefaultWatchIdleTimeout;
}
