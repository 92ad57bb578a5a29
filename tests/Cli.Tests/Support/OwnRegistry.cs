using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Support;

/// <summary>
/// A distribution registry of the test's own (docker-registry serve, plain HTTP) on a free port of a given address,
/// serving the plain registry's storage read-only, so a test may stop it or count the requests it got: the shared
/// registries of hack/registry stay up for everyone else.
/// </summary>
internal sealed partial class OwnRegistry : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kueueleuleu-cli-registry-").FullName;
    private readonly List<string> _log = [];
    private readonly Lock _gate = new();
    private Process? _process;

    private OwnRegistry(string address) => Host = $"{address}:{FreePort(address)}";

    /// <summary>host:port, as image references name it.</summary>
    public string Host { get; }

    /// <summary>Starts a registry on <paramref name="address"/> (127.0.0.1, or the node IP 198.18.1.1 to be off loopback).</summary>
    public static async Task<OwnRegistry> StartAsync(string address = "127.0.0.1")
    {
        var registry = new OwnRegistry(address);
        await registry.RunAsync();
        return registry;
    }

    /// <summary>How many manifest requests for <paramref name="repository"/> it answered so far (its access log).</summary>
    public int ManifestRequests(string repository)
    {
        lock (_gate)
        {
            return _log.Count(line => AccessLine().Match(line) is { Success: true } m && m.Groups[1].Value == repository);
        }
    }

    /// <summary>Kills the registry (as a crash would) and waits until it is gone: its port refuses connections from then on.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort(string address)
    {
        using var probe = new TcpListener(IPAddress.Parse(address), 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task RunAsync()
    {
        var config = Path.Combine(_directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(LocalRegistry.StateDirectory, "storage", "plain")}
              maintenance:
                readonly:
                  enabled: true
                uploadpurging:
                  enabled: false
            http:
              addr: {Host}
            """);
        var start = new ProcessStartInfo("docker-registry", ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (_gate)
                {
                    _log.Add(line);
                }
            }
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var probe = new HttpClient();
        await Eventually.ThatAsync(
            async () => (await probe.GetAsync(new Uri($"http://{Host}/v2/"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            $"docker-registry serving on {Host}");
    }

    [GeneratedRegex("\"GET /v2/(.+)/manifests/[^ ]+ HTTP/1\\.1\"")]
    private static partial Regex AccessLine();
}
