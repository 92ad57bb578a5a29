using System.Diagnostics;

namespace Kueueleuleu.TestSupport;

/// <summary>
/// A distribution registry of our own (docker-registry serve) on a free loopback port, reading the plain registry's
/// storage read-only, that a test can stop: the shared registries of hack/registry must stay up for everyone else.
/// </summary>
public sealed class ShortLivedRegistry : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kueueleuleu-registry-").FullName;
    private Process? process;

    private ShortLivedRegistry(int port) => Host = $"127.0.0.1:{port}";

    public string Host { get; }

    public static async Task<ShortLivedRegistry> StartAsync()
    {
        var registry = new ShortLivedRegistry(FreePort.Next());
        await registry.RunAsync();
        return registry;
    }

    /// <summary>A registry on a free port that is not started yet: anything asking it meets a closed port until <see cref="RestartAsync"/>.</summary>
    public static ShortLivedRegistry Stopped() => new(FreePort.Next());

    /// <summary>Starts (again) on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        process?.Dispose();
        await RunAsync();
    }

    /// <summary>Stops the registry process (SIGKILL, as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private async Task RunAsync()
    {
        var config = Path.Combine(directory, "config.yml");
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
        var start = new ProcessStartInfo("docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient();
        await Eventually.ThatAsync(
            async () => (await probe.GetAsync(new Uri($"http://{Host}/v2/"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            $"docker-registry serving on {Host}");
    }
}
