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
        var help = HelpText.Render();

        Assert.All(Settings.All, s =>
        {
            Assert.Contains(s.Option, help, StringComparison.Ordinal);
            Assert.Contains(s.EnvironmentVariable, help, StringComparison.Ordinal);
            Assert.Contains(s.Key, help, StringComparison.Ordinal);
        });
        Assert.True(CommandLine.Parse(["--help"]).HelpRequested);
    }

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

    private OperatorSettings Read(string[] args, Dictionary<string, string> environment) =>
        OperatorSettingsReader.Read(SettingValues.Load(CommandLine.Parse(args), new Hashtable(environment), directory));
}
