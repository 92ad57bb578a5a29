using System.Globalization;
using System.Text.RegularExpressions;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Converter;
using Kueueleuleu.Converter.Policies;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Turns raw setting values into <see cref="OperatorSettings"/>, refusing the first invalid one by name.</summary>
public static partial class OperatorSettingsReader
{
    /// <summary>Validates and converts every setting.</summary>
    /// <param name="values">The raw values.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConfigurationException">A value is invalid; the message names it as the user wrote it.</exception>
    public static OperatorSettings Read(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var reader = new Reader(values);
        var kubeconfig = values.Get(Settings.Kubeconfig);
        var settings = new OperatorSettings
        {
            Kubeconfig = kubeconfig,
            Context = values.Get(Settings.Context),
            InCluster = reader.InCluster(kubeconfig),
            Namespaces = reader.Namespaces(),
            EntrypointImage = reader.Image(),
            Workers = reader.Int(Settings.Workers, OperatorSettings.DefaultWorkers, 1, 256),
            LeaderElect = reader.Bool(Settings.LeaderElect, false),
            LeaseName = reader.Name(Settings.LeaderElectionName, DnsSubdomain()) ?? "kueueleuleu-operator",
            LeaseNamespace = reader.Name(Settings.LeaderElectionNamespace, DnsLabel()),
            Identity = values.Get(Settings.LeaderElectionIdentity),
            LeaseDuration = reader.Duration(Settings.LeaseDuration, TimeSpan.FromSeconds(15)),
            RenewDeadline = reader.Duration(Settings.RenewDeadline, TimeSpan.FromSeconds(10)),
            RetryPeriod = reader.Duration(Settings.RetryPeriod, TimeSpan.FromSeconds(2)),
            ListenAddress = reader.Listen(),
            OtlpEndpoint = reader.Otlp(),
            OtlpProtocol = reader.OtlpProtocol(),
            LogFormat = reader.Choice(Settings.LogFormat, LogFormat.Text, ("text", LogFormat.Text), ("json", LogFormat.Json)),
            LogLevel = reader.Level(),
            ShutdownTimeout = reader.Duration(Settings.ShutdownTimeout, TimeSpan.FromSeconds(10)),
            WatchIdleTimeout = reader.Duration(Settings.WatchIdleTimeout, OperatorSettings.DefaultWatchIdleTimeout, TimeSpan.FromSeconds(5)),
        };
        CheckLeaderTimings(settings, values);
        return settings;
    }

    private static void CheckLeaderTimings(OperatorSettings settings, SettingValues values)
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
            var names = string.Join(", ", new[] { Settings.LeaseDuration, Settings.RenewDeadline, Settings.RetryPeriod }.Select(values.NameOf));
            throw new ConfigurationException($"{names}: {e.Message} (retry period < renew deadline < lease duration)", e);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    /// <summary>Reads one setting at a time; every failure names the setting by its source.</summary>
    private sealed class Reader(SettingValues values)
    {
        public bool InCluster(string? kubeconfig)
        {
            var mode = Choice(Settings.InCluster, "auto", ("auto", "auto"), ("true", "true"), ("false", "false"));
            if (mode == "true" && kubeconfig is not null)
            {
                throw new ConfigurationException($"{values.NameOf(Settings.InCluster)}=true and {values.NameOf(Settings.Kubeconfig)} exclude each other: choose one");
            }

            return mode == "true" || (mode == "auto" && kubeconfig is null && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")));
        }

        public List<string> Namespaces()
        {
            var text = values.Get(Settings.Namespaces);
            var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            if (names.FirstOrDefault(n => !DnsLabel().IsMatch(n)) is { } bad)
            {
                throw Invalid(Settings.Namespaces, $"\"{bad}\" is not a namespace name (lower-case letters, digits and '-', at most 63)");
            }

            return names;
        }

        public string Image()
        {
            var image = values.Get(Settings.EntrypointImage) ?? ConversionOptions.DefaultEntrypointImage;
            return image.Any(char.IsWhiteSpace) ? throw Invalid(Settings.EntrypointImage, $"\"{image}\" is not an image reference (it contains spaces)") : image;
        }

        public int Int(Setting setting, int fallback, int min, int max)
        {
            var text = values.Get(setting);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw Invalid(setting, $"must be a whole number from {min} to {max}, got \"{text}\"");
        }

        public bool Bool(Setting setting, bool fallback) =>
            Choice(setting, fallback, ("true", true), ("false", false), ("1", true), ("0", false), ("yes", true), ("no", false));

        public string? Name(Setting setting, Regex pattern)
        {
            var text = values.Get(setting);
            return text is null || pattern.IsMatch(text) ? text : throw Invalid(setting, $"\"{text}\" is not a valid Kubernetes name");
        }

        public TimeSpan Duration(Setting setting, TimeSpan fallback, TimeSpan? min = null)
        {
            var text = values.Get(setting);
            if (text is null)
            {
                return fallback;
            }

            if (!GoDurationParser.TryParsePositive(text, out var duration, out var error))
            {
                throw Invalid(setting, $"{error} ({GoDurationParser.SyntaxHint})");
            }

            return duration.ToTimeSpan() is var value && value >= (min ?? TimeSpan.Zero)
                ? value
                : throw Invalid(setting, $"must be at least {min!.Value.TotalSeconds:0.###}s, got \"{text}\"");
        }

        public System.Net.IPEndPoint Listen()
        {
            var text = values.Get(Settings.ListenAddress) ?? "127.0.0.1:8080";
            return ListenEndpoint.TryParse(text, out var endpoint)
                ? endpoint
                : throw Invalid(Settings.ListenAddress, $"\"{text}\" is not host:port (e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080)");
        }

        public Uri? Otlp()
        {
            var text = values.Get(Settings.OtlpEndpoint);
            if (text is null)
            {
                return null;
            }

            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw Invalid(Settings.OtlpEndpoint, $"\"{text}\" is not an http or https URL (e.g. http://otel-collector:4317)");
        }

        public OtlpExportProtocol OtlpProtocol() =>
            Choice(Settings.OtlpProtocol, OtlpExportProtocol.Grpc, ("grpc", OtlpExportProtocol.Grpc), ("http/protobuf", OtlpExportProtocol.HttpProtobuf));

        public LogLevel Level() => Choice(
            Settings.LogLevel,
            LogLevel.Information,
            ("trace", LogLevel.Trace),
            ("debug", LogLevel.Debug),
            ("information", LogLevel.Information),
            ("info", LogLevel.Information),
            ("warning", LogLevel.Warning),
            ("error", LogLevel.Error),
            ("critical", LogLevel.Critical));

        public T Choice<T>(Setting setting, T fallback, params (string Text, T Value)[] choices)
        {
            var text = values.Get(setting);
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
            throw Invalid(setting, $"must be one of {allowed}, got \"{text}\"");
        }

        private ConfigurationException Invalid(Setting setting, string problem) => new($"{values.NameOf(setting)}: {problem}");
    }
}
