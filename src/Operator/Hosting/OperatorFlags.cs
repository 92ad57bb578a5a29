using System.CommandLine;
using System.Globalization;
using System.Text;
using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// Every setting of the operator, as the System.CommandLine option that parses its flag and describes it in
/// <c>--help</c>. Each has two more spellings derived from the flag's name: the environment variable
/// (<c>--leader-election-namespace</c> is <c>KUEUELEULEU_LEADER_ELECTION_NAMESPACE</c>) and the key of a JSON settings
/// file (<c>Kueueleuleu:LeaderElectionNamespace</c>).
/// </summary>
/// <remarks>
/// Every option takes its value as text: the same text may come from a variable or a file instead, and one reader
/// (<see cref="OperatorSettingsReader"/>) checks it whatever its source, so an error names the spelling the user wrote.
/// A flag may be repeated; the last one wins, as with Kubernetes' own components, so an overlay can append a flag to
/// override one already in a manifest.
/// </remarks>
public static class OperatorFlags
{
    /// <summary>The prefix of every environment variable.</summary>
    public const string EnvironmentPrefix = "KUEUELEULEU_";

    /// <summary>The JSON section of every key.</summary>
    public const string Section = "Kueueleuleu";

    /// <summary>A JSON settings file read on top of <c>appsettings.json</c>.</summary>
    public static Option<string> Config { get; } = Value("--config", "FILE", "A JSON settings file (keys under \"Kueueleuleu\", log levels under \"Logging\").", "none");

    /// <summary>The kubeconfig file.</summary>
    public static Option<string> Kubeconfig { get; } = Value("--kubeconfig", "FILE", "The kubeconfig file; implies --in-cluster=false.", "$KUBECONFIG, else ~/.kube/config");

    /// <summary>The kubeconfig context.</summary>
    public static Option<string> Context { get; } = Value("--context", "NAME", "The kubeconfig context.", "the current context");

    /// <summary>Whether to use the Pod's service account.</summary>
    public static Option<string> InCluster { get; } = Value("--in-cluster", "auto|true|false", "Use the Pod's service account: auto, true or false.", "auto (true when KUBERNETES_SERVICE_HOST is set and no --kubeconfig is given)");

    /// <summary>The watched namespaces.</summary>
    public static Option<string> Namespaces { get; } = Value("--namespaces", "NS[,NS...]", "Comma-separated namespaces to watch; empty for all.", "all");

    /// <summary>The entrypoint image.</summary>
    public static Option<string> EntrypointImage { get; } = Value("--entrypoint-image", "IMAGE", "Image of the injected init container that copies the step runner.", ConversionOptions.DefaultEntrypointImage);

    /// <summary>The platform of steps whose Pod names none.</summary>
    public static Option<string> DefaultPlatform { get; } = Value("--default-platform", "OS/ARCH[/VARIANT]", "Platform whose image config a step without command runs when its Pod's nodeSelector or node affinity names no kubernetes.io/os and kubernetes.io/arch.", "linux/amd64");

    /// <summary>Whether looked-up images are pinned to their digest.</summary>
    public static Option<string> PinImages { get; } = Switch("--pin-images", "Pin the image of a step without command to the digest that was looked up, so that a tag moved before the pull cannot run a command that is not its own.", "true");

    /// <summary>Extra CA certificates for registries.</summary>
    public static Option<string> RegistryCaFile { get; } = Value("--registry-ca-file", "FILE", "PEM bundle of CA certificates registries are trusted with, besides the system's.", "none");

    /// <summary>Registries reached over plain HTTP.</summary>
    public static Option<string> InsecureRegistries { get; } = Value("--insecure-registries", "HOST[:PORT][,...]", "Registries reached over plain HTTP; loopback registries (localhost, 127.0.0.0/8, ::1) always are.", "none");

    /// <summary>Registry mirrors.</summary>
    public static Option<string> RegistryMirrors { get; } = Value("--registry-mirrors", "HOST=MIRROR[,...]", "Mirrors asked before a registry (docker.io=mirror.example:5000); the registry is asked when the mirror fails.", "none");

    /// <summary>Concurrent reconciles.</summary>
    public static Option<string> Workers { get; } = Value("--workers", "N", "Concurrent reconciles per watched namespace (1-256).", OperatorSettings.DefaultWorkers.ToString(CultureInfo.InvariantCulture));

    /// <summary>Leader election on or off; a bare <c>--leader-elect</c> means true.</summary>
    public static Option<string> LeaderElect { get; } = Switch("--leader-elect", "Elect a leader on a Lease; only the leader reconciles. --leader-elect alone means true.", "false");

    /// <summary>The Lease name.</summary>
    public static Option<string> LeaderElectionName { get; } = Value("--leader-election-name", "NAME", "The Lease's name.", "kueueleuleu-operator");

    /// <summary>The Lease namespace.</summary>
    public static Option<string> LeaderElectionNamespace { get; } = Value("--leader-election-namespace", "NS", "The Lease's namespace.", "the service account's (in-cluster) or the context's namespace");

    /// <summary>This replica's identity.</summary>
    public static Option<string> LeaderElectionIdentity { get; } = Value("--leader-election-identity", "ID", "This replica's identity in the Lease.", "$POD_NAME or the host name, plus a random suffix");

    /// <summary>The lease duration.</summary>
    public static Option<string> LeaseDuration { get; } = Value("--leader-election-lease-duration", "DURATION", "How long a Lease lasts without renewal (whole seconds).", "15s");

    /// <summary>The renew deadline.</summary>
    public static Option<string> RenewDeadline { get; } = Value("--leader-election-renew-deadline", "DURATION", "How long the leader keeps trying to renew before it stops leading.", "10s");

    /// <summary>The retry period.</summary>
    public static Option<string> RetryPeriod { get; } = Value("--leader-election-retry-period", "DURATION", "How often the Lease is tried or renewed.", "2s");

    /// <summary>The HTTP listen address.</summary>
    public static Option<string> ListenAddress { get; } = Value("--listen-address", "HOST:PORT", "host:port of /metrics, /healthz and /readyz.", "127.0.0.1:8080");

    /// <summary>The OTLP endpoint.</summary>
    public static Option<string> OtlpEndpoint { get; } = Value("--otlp-endpoint", "URL", "OTLP collector URL for metrics and traces; empty disables export.", "none");

    /// <summary>The OTLP protocol.</summary>
    public static Option<string> OtlpProtocol { get; } = Value("--otlp-protocol", "grpc|http/protobuf", "OTLP protocol: grpc or http/protobuf.", "grpc");

    /// <summary>The log format.</summary>
    public static Option<string> LogFormat { get; } = Value("--log-format", "text|json", "Log format: text or json.", "text");

    /// <summary>The log level.</summary>
    public static Option<string> LogLevel { get; } = Value("--log-level", "LEVEL", "Minimum log level: trace, debug, information, warning, error, critical.", "information");

    /// <summary>The graceful shutdown bound.</summary>
    public static Option<string> ShutdownTimeout { get; } = Value("--shutdown-timeout", "DURATION", "How long in-flight reconciles may finish after SIGTERM.", "10s");

    /// <summary>The watch idle bound.</summary>
    public static Option<string> WatchIdleTimeout { get; } = Value(
        "--watch-idle-timeout",
        "DURATION",
        "How long a watch may deliver nothing (no event, bookmark or end) before its connection is presumed dead and the watch resumed; the server is asked to end each watch within 60-80% of it. At least 5s.",
        "75s");

    /// <summary>Every setting, in <c>--help</c> order.</summary>
    public static IReadOnlyList<Option<string>> All { get; } =
    [
        Config, Kubeconfig, Context, InCluster, Namespaces, EntrypointImage, DefaultPlatform, PinImages, RegistryCaFile, InsecureRegistries, RegistryMirrors, Workers,
        LeaderElect, LeaderElectionName, LeaderElectionNamespace, LeaderElectionIdentity, LeaseDuration, RenewDeadline, RetryPeriod,
        ListenAddress, OtlpEndpoint, OtlpProtocol, LogFormat, LogLevel, ShutdownTimeout, WatchIdleTimeout,
    ];

    /// <summary>The environment variable of a setting.</summary>
    /// <param name="flag">One of <see cref="All"/>.</param>
    /// <returns>E.g. <c>KUEUELEULEU_WORKERS</c>.</returns>
    public static string EnvironmentVariable(Option flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return EnvironmentPrefix + Words(flag).ToUpperInvariant().Replace('-', '_');
    }

    /// <summary>The configuration key of a setting.</summary>
    /// <param name="flag">One of <see cref="All"/>.</param>
    /// <returns>E.g. <c>Kueueleuleu:Workers</c>.</returns>
    public static string Key(Option flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var text = new StringBuilder(Section).Append(':');
        foreach (var word in Words(flag).Split('-'))
        {
            text.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
        }

        return text.ToString();
    }

    /// <summary>Whether the flag alone, without a value, means true.</summary>
    /// <param name="flag">One of <see cref="All"/>.</param>
    /// <returns>Whether it is a switch.</returns>
    public static bool IsSwitch(Option flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return flag.Arity.MinimumNumberOfValues == 0;
    }

    private static string Words(Option flag) => flag.Name.TrimStart('-');

    // One value per occurrence (AllowMultipleArgumentsPerToken = false), any number of occurrences: the parser
    // refuses a stray second value, and OperatorCommandLine keeps the last occurrence.
    private static Option<string> Value(string name, string valueName, string help, string defaultValue) =>
        Create(name, valueName, help, defaultValue, ArgumentArity.OneOrMore);

    private static Option<string> Switch(string name, string help, string defaultValue) =>
        Create(name, "true|false", help, defaultValue, ArgumentArity.ZeroOrMore);

    private static Option<string> Create(string name, string valueName, string help, string defaultValue, ArgumentArity arity)
    {
        var option = new Option<string>(name)
        {
            HelpName = valueName,
            Arity = arity,
            AllowMultipleArgumentsPerToken = false,
            // The parser converts every option it sees; the text of the last occurrence is the value.
            CustomParser = result => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value,
        };
        option.Description = $"{help} Default: {defaultValue}. Variable {EnvironmentVariable(option)}, key {Key(option)}.";
        return option;
    }
}
