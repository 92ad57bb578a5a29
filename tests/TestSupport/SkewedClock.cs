using System.Globalization;

namespace Kueueleuleu.TestSupport;

/// <summary>
/// Runs a real process with its wall clock skewed, through libfaketime (LD_PRELOAD; Debian's libfaketime package,
/// installed on first use through hack/lib/packages.sh). Only the wall clock moves: the monotonic clock, which timers
/// and elapsed-time measurements use, stays true, as on a machine whose clock was set wrong.
/// </summary>
public static class SkewedClock
{
    private const string Library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    /// <summary>The environment that skews a process's wall clock by <paramref name="skew"/> (whole seconds).</summary>
    /// <param name="skew">Ahead when positive.</param>
    /// <returns>The variables to add to the process's environment.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(TimeSpan skew)
    {
        if (!File.Exists(Library))
        {
            (await ProcessRunner.RunAsync("bash", ["-c", $"source {Path.Combine(Repository.Root, "hack", "lib", "packages.sh")} && ensure_packages libfaketime"], timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
        }

        var seconds = (long)skew.TotalSeconds;
        return new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Library,
            ["FAKETIME"] = (seconds >= 0 ? "+" : "") + seconds.ToString(CultureInfo.InvariantCulture),
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
    }
}
