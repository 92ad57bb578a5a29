using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.Policies;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Turns raw setting values into <see cref="OperatorSettings"/>, refusing the first invalid one by name.</summary>
public static partial class OperatorSettingsReader
{
    /// <summary>Validates and converts every setting.</summary>
    /// <param name="values">The layered configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConfigurationException">A value is invalid; the message names it as the user wrote it.</exception>
    public static OperatorSettings Read(OperatorConfiguration values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var reader = new Reader(values);
        var kubeconfig = values.Get(OperatorFlags.Kubeconfig);
        var settings = new OperatorSettings
        {
            Kubeconfig = kubeconfig,
            Context = values.Get(OperatorFlags.Context),
            InCluster = reader.InCluster(kubeconfig),
            Namespaces = reader.Namespaces(),
            EntrypointImage = reader.Image(),
            DefaultPlatform = reader.Platform(),
            PinImages = reader.Bool(OperatorFlags.PinImages, true),
            RegistryCaFile = reader.File(OperatorFlags.RegistryCaFile),
            InsecureRegistries = reader.List(OperatorFlags.InsecureRegistries),
            RegistryMirrors = reader.Mirrors(),
            Workers = reader.Int(OperatorFlags.Workers, OperatorSettings.DefaultWorkers, 1, 256),
            LeaderElect = reader.Bool(OperatorFlags.LeaderElect, false),
            LeaseName = reader.Name(OperatorFlags.LeaderElectionName, DnsSubdomain()) ?? "kueueleuleu-operator",
            LeaseNamespace = reader.Name(OperatorFlags.LeaderElectionNamespace, DnsLabel()),
            Identity = values.Get(OperatorFlags.LeaderElectionIdentity),
            LeaseDuration = reader.Duration(OperatorFlags.LeaseDuration, TimeSpan.FromSeconds(15)),
            RenewDeadline = reader.Duration(OperatorFlags.RenewDeadline, TimeSpan.FromSeconds(10)),
            RetryPeriod = reader.Duration(OperatorFlags.RetryPeriod, TimeSpan.FromSeconds(2)),
            ListenAddress = reader.Listen(),
            OtlpEndpoint = reader.Otlp(),
            OtlpProtocol = reader.OtlpProtocol(),
            LogFormat = reader.Choice(OperatorFlags.LogFormat, LogFormat.Text, ("text", LogFormat.Text), ("json", LogFormat.Json)),
            LogLevel = reader.Level(),
            ShutdownTimeout = reader.Duration(OperatorFlags.ShutdownTimeout, TimeSpan.FromSeconds(10)),
            WatchIdleTimeout = reader.Duration(OperatorFlags.WatchIdleTimeout, OperatorSettings.DefaultWatchIdleTimeout, TimeSpan.FromSeconds(5)),
        };
        CheckLeaderTimings(settings, values);
        return settings;
    }

    private static void CheckLeaderTimings(OperatorSettings settings, OperatorConfiguration values)
    {
        var options = new LeaderElectionOptions
        {
            LeaseName = settings.LeaseName,
            LeaseNamespace = settings.LeaseNamespace ?? "default",
            Identity = settings.Identity ?? "check",
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            var names = string.Join(", ", new[] { OperatorFlags.LeaseDuration, OperatorFlags.RenewDeadline, OperatorFlags.RetryPeriod }.Select(values.NameOf));
            throw new ConfigurationException($"{names}: {e.Message} (retry period < renew deadline < lease duration)", e);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    /// <summary>Reads one setting at a time; every failure names the setting by its source.</summary>
    private sealed class Reader(OperatorConfiguration values)
    {
        public bool InCluster(string? kubeconfig)
        {
            var mode = Choice(OperatorFlags.InCluster, "auto", ("auto", "auto"), ("true", "true"), ("false", "false"));
            if (mode == "true" && kubeconfig is not null)
            {
                throw new ConfigurationException($"{values.NameOf(OperatorFlags.InCluster)}=true and {values.NameOf(OperatorFlags.Kubeconfig)} exclude each other: choose one");
            }

            return mode == "true" || (mode == "auto" && kubeconfig is null && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")));
        }

        public List<string> Namespaces()
        {
            var text = values.Get(OperatorFlags.Namespaces);
            var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            if (names.FirstOrDefault(n => !DnsLabel().IsMatch(n)) is { } bad)
            {
                throw Invalid(OperatorFlags.Namespaces, $"\"{bad}\" is not a namespace name (lower-case letters, digits and '-', at most 63)");
            }

            return names;
        }

        public string Platform()
        {
            var text = values.Get(OperatorFlags.DefaultPlatform) ?? "linux/amd64";
            return Kueueleuleu.Registry.Manifests.Platform.TryParse(text, out var platform, out var error)
                ? platform.ToString()
                : throw Invalid(OperatorFlags.DefaultPlatform, $"\"{text}\" {error}");
        }

        public string? File(Option<string> flag)
        {
            var path = values.Get(flag);
            return path is null or "" ? null : System.IO.File.Exists(path) ? path : throw Invalid(flag, $"\"{path}\" is not a file");
        }

        public List<string> List(Option<string> flag) =>
            [.. (values.Get(flag) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

        public Dictionary<string, IReadOnlyList<string>> Mirrors()
        {
            var mirrors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in List(OperatorFlags.RegistryMirrors))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    throw Invalid(OperatorFlags.RegistryMirrors, $"\"{pair}\" is not HOST=MIRROR");
                }

                mirrors[parts[0]] = [.. mirrors.GetValueOrDefault(parts[0]) ?? [], parts[1]];
            }

            return mirrors;
        }

        public string Image()
        {
            var image = values.Get(OperatorFlags.EntrypointImage) ?? ConversionOptions.DefaultEntrypointImage;
            return image.Any(char.IsWhiteSpace) ? throw Invalid(OperatorFlags.EntrypointImage, $"\"{image}\" is not an image reference (it contains spaces)") : image;
        }

        public int Int(Option flag, int fallback, int min, int max)
        {
            var text = values.Get(flag);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw Invalid(flag, $"must be a whole number from {min} to {max}, got \"{text}\"");
        }

        public bool Bool(Option flag, bool fallback) =>
            Choice(flag, fallback, ("true", true), ("false", false), ("1", true), ("0", false), ("yes", true), ("no", false));

        public string? Name(Option flag, Regex pattern)
        {
            var text = values.Get(flag);
            return text is null || pattern.IsMatch(text) ? text : throw Invalid(flag, $"\"{text}\" is not a valid Kubernetes name");
        }

        public TimeSpan Duration(Option flag, TimeSpan fallback, TimeSpan? min = null)
        {
            var text = values.Get(flag);
            if (text is null)
            {
                return fallback;
            }

            if (!GoDurationParser.TryParsePositive(text, out var duration, out var error))
            {
                throw Invalid(flag, $"{error} ({GoDurationParser.SyntaxHint})");
            }

            return duration.ToTimeSpan() is var value && value >= (min ?? TimeSpan.Zero)
                ? value
                : throw Invalid(flag, $"must be at least {min!.Value.TotalSeconds:0.###}s, got \"{text}\"");
        }

        public System.Net.IPEndPoint Listen()
        {
            var text = values.Get(OperatorFlags.ListenAddress) ?? "127.0.0.1:8080";
            return ListenEndpoint.TryParse(text, out var endpoint)
                ? endpoint
                : throw Invalid(OperatorFlags.ListenAddress, $"\"{text}\" is not host:port (e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080)");
        }

        public Uri? Otlp()
        {
            var text = values.Get(OperatorFlags.OtlpEndpoint);
            if (text is null)
            {
                return null;
            }

            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw Invalid(OperatorFlags.OtlpEndpoint, $"\"{text}\" is not an http or https URL (e.g. http://otel-collector:4317)");
        }

        public OtlpExportProtocol OtlpProtocol() =>
            Choice(OperatorFlags.OtlpProtocol, OtlpExportProtocol.Grpc, ("grpc", OtlpExportProtocol.Grpc), ("http/protobuf", OtlpExportProtocol.HttpProtobuf));

        public LogLevel Level() => Choice(
            OperatorFlags.LogLevel,
            LogLevel.Information,
            ("trace", LogLevel.Trace),
            ("debug", LogLevel.Debug),
            ("information", LogLevel.Information),
            ("info", LogLevel.Information),
            ("warning", LogLevel.Warning),
            ("error", LogLevel.Error),
            ("critical", LogLevel.Critical));

        public T Choice<T>(Option flag, T fallback, params (string Text, T Value)[] choices)
        {
            var text = values.Get(flag);
            if (text is null)
            {
                return fallback;
            }

            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            var allowed = string.Join(", ", choices.Select(c => c.Text).Distinct());
            throw Invalid(flag, $"must be one of {allowed}, got \"{text}\"");
        }

        private ConfigurationException Invalid(Option flag, string problem) => new($"{values.NameOf(flag)}: {problem}");
    }
}
