using System.Collections;
using System.Net;
using Kueueleuleu.Operator.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Kueueleuleu.Operator.Tests.Hosting;

public sealed class SettingsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kl-settings-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Defaults_suit_a_local_run()
    {
        var settings = Read([], []);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), settings.ListenAddress);
        Assert.Equal("kueueleuleu/entrypoint:0.1.0", settings.EntrypointImage);
        Assert.Equal(16, settings.Workers);
        Assert.False(settings.LeaderElect);
        Assert.Empty(settings.Namespaces);
        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal(LogFormat.Text, settings.LogFormat);
    }

    [Fact]
    public void Flags_win_over_environment_which_wins_over_the_settings_file()
    {
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{"Kueueleuleu": {"Workers": 2, "Namespaces": "from-file", "LogFormat": "json"}}""");

        var settings = Read(["--workers=8"], new() { ["KUEUELEULEU_WORKERS"] = "6", ["KUEUELEULEU_NAMESPACES"] = "a, b" });

        Assert.Equal(8, settings.Workers);
        Assert.Equal(["a", "b"], settings.Namespaces);
        Assert.Equal(LogFormat.Json, settings.LogFormat);
    }

    [Fact]
    public void Every_setting_parses_from_flags()
    {
        var settings = Read(
        [
            "--kubeconfig", "/tmp/kc", "--context=dev", "--in-cluster=false", "--namespaces=x", "--entrypoint-image=reg/ep:1",
            "--leader-elect", "--leader-election-name=lease", "--leader-election-namespace=ops", "--leader-election-identity=me",
            "--leader-election-lease-duration=6s", "--leader-election-renew-deadline=4s", "--leader-election-retry-period=500ms",
            "--listen-address=0.0.0.0:9090", "--otlp-endpoint=http://collector:4318", "--otlp-protocol=http/protobuf",
            "--log-level=debug", "--shutdown-timeout=1m", "--watch-idle-timeout=2m",
        ], []);

        Assert.Equal(("/tmp/kc", "dev", false), (settings.Kubeconfig, settings.Context, settings.InCluster));
        Assert.Equal("reg/ep:1", settings.EntrypointImage);
        Assert.True(settings.LeaderElect);
        Assert.Equal(("lease", "ops", "me"), (settings.LeaseName, settings.LeaseNamespace, settings.Identity));
        Assert.Equal((TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(500)), (settings.LeaseDuration, settings.RenewDeadline, settings.RetryPeriod));
        Assert.Equal(new IPEndPoint(IPAddress.Any, 9090), settings.ListenAddress);
        Assert.Equal((new Uri("http://collector:4318"), OtlpExportProtocol.HttpProtobuf), (settings.OtlpEndpoint, settings.OtlpProtocol));
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.WatchIdleTimeout);
    }

    [Theory]
    [InlineData("--workers=0", "--workers: must be a whole number from 1 to 256, got \"0\"")]
    [InlineData("--listen-address=nowhere", "--listen-address: \"nowhere\" is not host:port")]
    [InlineData("--log-format=xml", "--log-format: must be one of text, json, got \"xml\"")]
    [InlineData("--namespaces=ok,Not_OK", "--namespaces: \"Not_OK\" is not a namespace name")]
    [InlineData("--otlp-endpoint=collector:4317", "--otlp-endpoint: \"collector:4317\" is not an http or https URL")]
    [InlineData("--shutdown-timeout=soon", "--shutdown-timeout: ")]
    [InlineData("--watch-idle-timeout=2s", "--watch-idle-timeout: must be at least 5s, got \"2s\"")]
    [InlineData("--bogus=1", "unknown flag --bogus")]
    [InlineData("--workers", "--workers: a value is required")]
    [InlineData("stray", "unexpected argument \"stray\"")]
    public void Invalid_flags_are_refused_by_name(string arg, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read([arg], []));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Inconsistent_leader_election_timings_name_all_three_settings()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(["--leader-election-retry-period=20s"], []));

        Assert.Contains("--leader-election-retry-period", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kueueleuleu:LeaderElectionLeaseDuration (settings file)", error.Message, StringComparison.Ordinal);
        Assert.Contains("retry period < renew deadline < lease duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_environment_variable_is_named_as_such()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read([], new() { ["KUEUELEULEU_WORKERS"] = "many" }));

        Assert.StartsWith("KUEUELEULEU_WORKERS: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_value_is_named_by_its_key()
    {
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{"Kueueleuleu": {"LeaderElect": "perhaps"}}""");

        var error = Assert.Throws<ConfigurationException>(() => Read([], []));

        Assert.StartsWith("Kueueleuleu:LeaderElect (settings file): must be one of true, false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_cluster_and_a_kubeconfig_exclude_each_other()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(["--in-cluster=true", "--kubeconfig=/x"], []));

        Assert.Contains("--in-cluster=true and --kubeconfig exclude each other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(["--config=/nonexistent/settings.json"], []));

        Assert.Equal("--config: /nonexistent/settings.json does not exist", error.Message);
    }

    [Fact]
    public void A_switch_does_not_swallow_the_next_flag()
    {
        var settings = Read(["--leader-elect", "--workers", "3"], []);

        Assert.True(settings.LeaderElect);
        Assert.Equal(3, settings.Workers);
    }

    [Fact]
    public void Help_lists_every_setting_with_its_three_spellings()
    {
        var help = Help();

        Assert.All(OperatorFlags.All, f =>
        {
            Assert.Contains(f.Name, help, StringComparison.Ordinal);
            Assert.Contains(OperatorFlags.EnvironmentVariable(f), help, StringComparison.Ordinal);
            Assert.Contains(OperatorFlags.Key(f), help, StringComparison.Ordinal);
        });
        Assert.True(OperatorCommandLine.Parse(["--help"]).HelpRequested);
    }

    [Fact]
    public void Every_setting_reads_from_its_environment_variable()
    {
        var file = Path.Combine(directory, "extra.json");
        File.WriteAllText(file, """{"Kueueleuleu": {"Context": "from-config-file"}}""");

        var settings = Read([], new()
        {
            ["KUEUELEULEU_CONFIG"] = file,
            ["KUEUELEULEU_KUBECONFIG"] = "/tmp/kc",
            ["KUEUELEULEU_IN_CLUSTER"] = "false",
            ["KUEUELEULEU_NAMESPACES"] = "x,y",
            ["KUEUELEULEU_ENTRYPOINT_IMAGE"] = "reg/ep:2",
            ["KUEUELEULEU_WORKERS"] = "3",
            ["KUEUELEULEU_LEADER_ELECT"] = "yes",
            ["KUEUELEULEU_LEADER_ELECTION_NAME"] = "lease",
            ["KUEUELEULEU_LEADER_ELECTION_NAMESPACE"] = "ops",
            ["KUEUELEULEU_LEADER_ELECTION_IDENTITY"] = "me",
            ["KUEUELEULEU_LEADER_ELECTION_LEASE_DURATION"] = "6s",
            ["KUEUELEULEU_LEADER_ELECTION_RENEW_DEADLINE"] = "4s",
            ["KUEUELEULEU_LEADER_ELECTION_RETRY_PERIOD"] = "500ms",
            ["KUEUELEULEU_LISTEN_ADDRESS"] = "[::1]:9091",
            ["KUEUELEULEU_OTLP_ENDPOINT"] = "https://collector:4318",
            ["KUEUELEULEU_OTLP_PROTOCOL"] = "http/protobuf",
            ["KUEUELEULEU_LOG_FORMAT"] = "json",
            ["KUEUELEULEU_LOG_LEVEL"] = "warning",
            ["KUEUELEULEU_SHUTDOWN_TIMEOUT"] = "1m30s",
            ["KUEUELEULEU_WATCH_IDLE_TIMEOUT"] = "5s",
        });

        Assert.Equal(("/tmp/kc", "from-config-file", false), (settings.Kubeconfig, settings.Context, settings.InCluster));
        Assert.Equal(["x", "y"], settings.Namespaces);
        Assert.Equal("reg/ep:2", settings.EntrypointImage);
        Assert.Equal(3, settings.Workers);
        Assert.True(settings.LeaderElect);
        Assert.Equal(("lease", "ops", "me"), (settings.LeaseName, settings.LeaseNamespace, settings.Identity));
        Assert.Equal((TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(500)), (settings.LeaseDuration, settings.RenewDeadline, settings.RetryPeriod));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9091), settings.ListenAddress);
        Assert.Equal((new Uri("https://collector:4318"), OtlpExportProtocol.HttpProtobuf), (settings.OtlpEndpoint, settings.OtlpProtocol));
        Assert.Equal((LogFormat.Json, LogLevel.Warning), (settings.LogFormat, settings.LogLevel));
        Assert.Equal(TimeSpan.FromSeconds(90), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.WatchIdleTimeout);
    }

    [Fact]
    public void The_context_and_in_cluster_read_from_their_variables()
    {
        var settings = Read([], new() { ["KUEUELEULEU_CONTEXT"] = "dev", ["KUEUELEULEU_IN_CLUSTER"] = "TRUE" });

        Assert.Equal(("dev", true), (settings.Context, settings.InCluster));
    }

    [Theory]
    [InlineData("KUEUELEULEU_LEADER_ELECTION_LEASE_DURATION", "15", "'15' is not a duration")]
    [InlineData("KUEUELEULEU_SHUTDOWN_TIMEOUT", "-1s", "'-1s'")]
    [InlineData("KUEUELEULEU_WATCH_IDLE_TIMEOUT", "1s", "must be at least 5s, got \"1s\"")]
    [InlineData("KUEUELEULEU_WORKERS", "300", "must be a whole number from 1 to 256, got \"300\"")]
    [InlineData("KUEUELEULEU_WORKERS", "-2", "must be a whole number from 1 to 256, got \"-2\"")]
    [InlineData("KUEUELEULEU_LEADER_ELECT", "maybe", "must be one of true, false, 1, 0, yes, no, got \"maybe\"")]
    [InlineData("KUEUELEULEU_IN_CLUSTER", "sometimes", "must be one of auto, true, false, got \"sometimes\"")]
    [InlineData("KUEUELEULEU_LISTEN_ADDRESS", "host:80", "\"host:80\" is not host:port")]
    [InlineData("KUEUELEULEU_LISTEN_ADDRESS", "127.0.0.1:70000", "\"127.0.0.1:70000\" is not host:port")]
    [InlineData("KUEUELEULEU_OTLP_ENDPOINT", "ftp://collector", "\"ftp://collector\" is not an http or https URL")]
    [InlineData("KUEUELEULEU_OTLP_PROTOCOL", "http", "must be one of grpc, http/protobuf, got \"http\"")]
    [InlineData("KUEUELEULEU_LOG_FORMAT", "xml", "must be one of text, json, got \"xml\"")]
    [InlineData("KUEUELEULEU_LOG_LEVEL", "loud", "must be one of trace, debug, information, info, warning, error, critical, got \"loud\"")]
    [InlineData("KUEUELEULEU_NAMESPACES", "ok,-bad", "\"-bad\" is not a namespace name")]
    [InlineData("KUEUELEULEU_LEADER_ELECTION_NAME", "Bad_Name", "\"Bad_Name\" is not a valid Kubernetes name")]
    [InlineData("KUEUELEULEU_LEADER_ELECTION_NAMESPACE", "a.b", "\"a.b\" is not a valid Kubernetes name")]
    [InlineData("KUEUELEULEU_ENTRYPOINT_IMAGE", "reg/ep :1", "\"reg/ep :1\" is not an image reference")]
    [InlineData("KUEUELEULEU_CONFIG", "/nonexistent/settings.json", "/nonexistent/settings.json does not exist")]
    public void An_invalid_variable_is_refused_by_name_with_its_value(string variable, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read([], new() { [variable] = value }));

        Assert.StartsWith(variable + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("--leader-election-lease-duration=15", "--leader-election-lease-duration: '15' is not a duration")]
    [InlineData("--leader-election-retry-period=1x", "--leader-election-retry-period: '1x' is not a duration")]
    [InlineData("--workers=1.5", "--workers: must be a whole number from 1 to 256, got \"1.5\"")]
    [InlineData("--leader-elect=perhaps", "--leader-elect: must be one of true, false, 1, 0, yes, no, got \"perhaps\"")]
    [InlineData("--in-cluster=maybe", "--in-cluster: must be one of auto, true, false, got \"maybe\"")]
    [InlineData("--listen-address=127.0.0.1:99999", "--listen-address: \"127.0.0.1:99999\" is not host:port")]
    [InlineData("--otlp-protocol=http", "--otlp-protocol: must be one of grpc, http/protobuf, got \"http\"")]
    [InlineData("--log-level=loud", "--log-level: must be one of trace, debug, information, info, warning, error, critical, got \"loud\"")]
    [InlineData("--leader-election-name=Bad_Name", "--leader-election-name: \"Bad_Name\" is not a valid Kubernetes name")]
    [InlineData("--entrypoint-image=reg/ep :1", "--entrypoint-image: \"reg/ep :1\" is not an image reference")]
    public void More_invalid_flags_are_refused_by_name(string arg, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read([arg], []));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("--leader-elect=true", true)]
    [InlineData("--leader-elect=TRUE", true)]
    [InlineData("--leader-elect=yes", true)]
    [InlineData("--leader-elect=1", true)]
    [InlineData("--leader-elect=false", false)]
    [InlineData("--leader-elect=No", false)]
    [InlineData("--leader-elect=0", false)]
    public void A_switch_takes_every_boolean_spelling(string arg, bool expected) =>
        Assert.Equal(expected, Read([arg], []).LeaderElect);

    [Fact]
    public void A_switch_set_false_by_flag_wins_over_its_variable()
    {
        Assert.False(Read(["--leader-elect=false"], new() { ["KUEUELEULEU_LEADER_ELECT"] = "true" }).LeaderElect);
    }

    [Theory]
    [InlineData(new[] { "--leader-elect=false", "--leader-elect" }, true)]
    [InlineData(new[] { "--leader-elect", "--leader-elect=false" }, false)]
    [InlineData(new[] { "--leader-elect", "no", "--workers=2" }, false)]
    public void The_last_occurrence_of_a_switch_wins(string[] args, bool expected) =>
        Assert.Equal(expected, Read(args, []).LeaderElect);

    [Theory]
    [InlineData(new[] { "--workers=2", "--workers" }, "--workers: a value is required")]
    [InlineData(new[] { "--version" }, "unknown flag --version (see --help)")]
    [InlineData(new[] { "-x" }, "unexpected argument \"-x\"")]
    [InlineData(new[] { "@args.txt" }, "unexpected argument \"@args.txt\"")]
    [InlineData(new[] { "--workers=2", "--", "--workers=3" }, "unexpected argument \"--\"")]
    public void Command_line_mistakes_are_refused_in_one_line(string[] args, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(args, []));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_value_starting_with_at_is_a_value_not_a_response_file()
    {
        File.WriteAllText(Path.Combine(directory, "me"), "--workers=3");

        Assert.Equal("@me", Read(["--leader-election-identity", "@me"], []).Identity);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_is_asked_for_with_either_spelling(string arg) => Assert.True(OperatorCommandLine.Parse(["--workers=2", arg]).HelpRequested);

    [Fact]
    public void A_repeated_flag_takes_its_last_value()
    {
        var settings = Read(["--workers=2", "--namespaces", "a", "--workers", "5", "--namespaces=b"], []);

        Assert.Equal(5, settings.Workers);
        Assert.Equal(["b"], settings.Namespaces);
    }

    [Fact]
    public void An_empty_flag_unsets_what_a_variable_or_file_sets()
    {
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{"Kueueleuleu": {"Namespaces": "from-file"}}""");

        var settings = Read(["--otlp-endpoint=", "--namespaces="], new() { ["KUEUELEULEU_OTLP_ENDPOINT"] = "http://collector:4317" });

        Assert.Null(settings.OtlpEndpoint);
        Assert.Empty(settings.Namespaces);
    }

    [Fact]
    public void An_empty_variable_unsets_what_the_file_sets()
    {
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{"Kueueleuleu": {"Namespaces": "from-file", "Workers": 3}}""");

        var settings = Read([], new() { ["KUEUELEULEU_NAMESPACES"] = "", ["KUEUELEULEU_WORKERS"] = " " });

        Assert.Empty(settings.Namespaces);
        Assert.Equal(16, settings.Workers);
    }

    [Fact]
    public void The_config_flag_wins_over_its_variable()
    {
        var file = Path.Combine(directory, "extra.json");
        File.WriteAllText(file, """{"Kueueleuleu": {"Workers": 7}}""");

        var settings = Read([$"--config={file}"], new() { ["KUEUELEULEU_CONFIG"] = "/nonexistent/settings.json" });

        Assert.Equal(7, settings.Workers);
    }

    [Fact]
    public void A_config_file_that_is_not_json_is_refused_by_name()
    {
        var file = Path.Combine(directory, "broken.json");
        File.WriteAllText(file, "{ not json");

        var error = Assert.Throws<ConfigurationException>(() => Read([$"--config={file}"], []));

        Assert.StartsWith($"--config: {file} is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_config_file_wins_over_appsettings_json()
    {
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{"Kueueleuleu": {"Workers": 2, "LogLevel": "error"}}""");
        var file = Path.Combine(directory, "extra.json");
        File.WriteAllText(file, """{"Kueueleuleu": {"Workers": 9}}""");

        var settings = Read([$"--config={file}"], []);

        Assert.Equal((9, LogLevel.Error), (settings.Workers, settings.LogLevel));
    }

    [Fact]
    public void Help_gives_every_flag_its_variable_and_default()
    {
        var help = Normalized(Help());

        foreach (var (flag, variable, defaultValue) in HelpEntries)
        {
            Assert.Contains(flag, help, StringComparison.Ordinal);
            Assert.Contains(variable, help, StringComparison.Ordinal);
            Assert.Contains("Default: " + defaultValue, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_flag_table_of_the_docs_matches_help()
    {
        var rows = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "operator.md"))
            .Where(line => line.StartsWith("| `--", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (Flag: cells[1].Trim('`'), Variable: cells[2].Trim('`'), Default: cells[3]))
            .ToList();

        Assert.Equal(HelpEntries.Select(e => e.Flag), rows.Select(r => r.Flag));
        Assert.Equal(HelpEntries.Select(e => e.Variable), rows.Select(r => r.Variable));
        foreach (var (row, entry) in rows.Zip(HelpEntries))
        {
            // A default that the docs quote as one literal must be what --help says (help may explain it further).
            if (row.Default.StartsWith('`') && row.Default.EndsWith('`') && row.Default.Count(c => c == '`') == 2)
            {
                Assert.StartsWith(row.Default.Trim('`'), entry.Default, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Every flag in <c>--help</c> order with its variable and default, as the operator has always had them.</summary>
    private static readonly (string Flag, string Variable, string Default)[] HelpEntries =
    [
        ("--config", "KUEUELEULEU_CONFIG", "none"),
        ("--kubeconfig", "KUEUELEULEU_KUBECONFIG", "$KUBECONFIG, else ~/.kube/config"),
        ("--context", "KUEUELEULEU_CONTEXT", "the current context"),
        ("--in-cluster", "KUEUELEULEU_IN_CLUSTER", "auto (true when KUBERNETES_SERVICE_HOST is set and no --kubeconfig is given)"),
        ("--namespaces", "KUEUELEULEU_NAMESPACES", "all"),
        ("--entrypoint-image", "KUEUELEULEU_ENTRYPOINT_IMAGE", "kueueleuleu/entrypoint:0.1.0"),
        ("--default-platform", "KUEUELEULEU_DEFAULT_PLATFORM", "linux/amd64"),
        ("--pin-images", "KUEUELEULEU_PIN_IMAGES", "true"),
        ("--registry-ca-file", "KUEUELEULEU_REGISTRY_CA_FILE", "none"),
        ("--insecure-registries", "KUEUELEULEU_INSECURE_REGISTRIES", "none"),
        ("--registry-mirrors", "KUEUELEULEU_REGISTRY_MIRRORS", "none"),
        ("--workers", "KUEUELEULEU_WORKERS", "16"),
        ("--leader-elect", "KUEUELEULEU_LEADER_ELECT", "false"),
        ("--leader-election-name", "KUEUELEULEU_LEADER_ELECTION_NAME", "kueueleuleu-operator"),
        ("--leader-election-namespace", "KUEUELEULEU_LEADER_ELECTION_NAMESPACE", "the service account's (in-cluster) or the context's namespace"),
        ("--leader-election-identity", "KUEUELEULEU_LEADER_ELECTION_IDENTITY", "$POD_NAME or the host name, plus a random suffix"),
        ("--leader-election-lease-duration", "KUEUELEULEU_LEADER_ELECTION_LEASE_DURATION", "15s"),
        ("--leader-election-renew-deadline", "KUEUELEULEU_LEADER_ELECTION_RENEW_DEADLINE", "10s"),
        ("--leader-election-retry-period", "KUEUELEULEU_LEADER_ELECTION_RETRY_PERIOD", "2s"),
        ("--listen-address", "KUEUELEULEU_LISTEN_ADDRESS", "127.0.0.1:8080"),
        ("--otlp-endpoint", "KUEUELEULEU_OTLP_ENDPOINT", "none"),
        ("--otlp-protocol", "KUEUELEULEU_OTLP_PROTOCOL", "grpc"),
        ("--log-format", "KUEUELEULEU_LOG_FORMAT", "text"),
        ("--log-level", "KUEUELEULEU_LOG_LEVEL", "information"),
        ("--shutdown-timeout", "KUEUELEULEU_SHUTDOWN_TIMEOUT", "10s"),
        ("--watch-idle-timeout", "KUEUELEULEU_WATCH_IDLE_TIMEOUT", "75s"),
    ];

    // Help text may wrap long lines wherever the terminal needs; what it says does not depend on where.
    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData(":8080", "0.0.0.0", 8080)]
    [InlineData("[::1]:0", "::1", 0)]
    [InlineData("localhost:9", "127.0.0.1", 9)]
    public void Listen_addresses_parse(string text, string address, int port)
    {
        Assert.True(ListenEndpoint.TryParse(text, out var endpoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("host:8080")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("127.0.0.1:-1")]
    public void Bad_listen_addresses_do_not_parse(string text) => Assert.False(ListenEndpoint.TryParse(text, out _));

    private static string Help()
    {
        using var output = new StringWriter();
        OperatorCommandLine.WriteHelp(output);
        return output.ToString();
    }

    private OperatorSettings Read(string[] args, Dictionary<string, string> environment) =>
        OperatorSettingsReader.Read(OperatorConfiguration.Load(OperatorCommandLine.Parse(args), new Hashtable(environment), directory));
}
