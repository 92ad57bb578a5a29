using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Support;

/// <summary>Runs the built <c>kueueleuleu</c> command as a separate process, as a user would.</summary>
public static class CliProcess
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "kueueleuleu.dll");

    /// <summary>Runs <c>kueueleuleu ARGS</c>.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> args, string? stdin = null) =>
        ProcessRunner.RunAsync("dotnet", [Assembly, .. args], stdin);

    /// <summary>Converts one manifest file to JSON and fails the test on any conversion error.</summary>
    public static async Task<string> ConvertToJsonAsync(string manifestPath) =>
        (await RunAsync(["convert", "-f", manifestPath, "-o", "json"])).EnsureSuccess().StandardOutput;
}
