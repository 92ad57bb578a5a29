using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kueueleuleu.Cli.Tests.Support;

/// <summary>What a <c>kueueleuleu</c> process did: its exit code, its output and its peak resident memory.</summary>
internal sealed record CliOutcome(int Code, string Stdout, string Stderr, long PeakBytes)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public double PeakMiB => PeakBytes / 1024.0 / 1024.0;
}

/// <summary>
/// Runs the built <c>kueueleuleu</c> program as a separate process: real streams, real exit codes, and its peak
/// resident set (VmHWM of /proc/PID/status, sampled while it runs; the mark only ever rises, so a late sample holds
/// every earlier peak). A process that goes past <c>memoryCeiling</c> is killed and the test fails at once, so code
/// that reads without a bound fails fast instead of eating the shared machine's memory; the timeout only stops a hang.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (closed once written).</summary>
    public static CliOutcome Run(string stdin, params string[] args) =>
        Run(input => input.Write(Encoding.UTF8.GetBytes(stdin)), null, long.MaxValue, args);

    /// <summary>
    /// Runs <paramref name="executable"/> (another build of the program, such as the native one) the same way, with
    /// <paramref name="stdin"/> as standard input and <paramref name="environment"/> added.
    /// </summary>
    public static CliOutcome RunExecutable(string executable, string stdin, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Run(new ProcessStartInfo(executable), input => input.Write(Encoding.UTF8.GetBytes(stdin)), environment, long.MaxValue, args);

    /// <summary>
    /// Runs with standard input written by <paramref name="feed"/> (which may write forever: a closed pipe ends it),
    /// extra environment variables, and a memory ceiling.
    /// </summary>
    public static CliOutcome Run(Action<Stream> feed, IReadOnlyDictionary<string, string>? environment, long memoryCeiling, params string[] args) =>
        Run(BuiltProgram(), feed, environment, memoryCeiling, args);

    private static CliOutcome Run(ProcessStartInfo start, Action<Stream> feed, IReadOnlyDictionary<string, string>? environment, long memoryCeiling, string[] args)
    {
        using var process = Process.Start(Configure(start, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var feeding = Task.Run(() => Feed(process.StandardInput.BaseStream, feed));
        var peak = 0L;
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(5))
        {
            peak = Math.Max(peak, Peak(process.Id));
            if (peak > memoryCeiling || clock.Elapsed > Timeout)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail(peak > memoryCeiling
                    ? $"kueueleuleu {string.Join(' ', args)} went past {memoryCeiling / 1024 / 1024} MiB of memory and was killed"
                    : $"kueueleuleu {string.Join(' ', args)} did not exit within {Timeout}");
            }
        }

        process.WaitForExit();
        feeding.Wait(Timeout);
        return new CliOutcome(process.ExitCode, stdout.Result, stderr.Result, peak);
    }

    /// <summary>A command's peak memory on a tiny input: what the runtime itself costs.</summary>
    public static long Baseline => BaselineValue.Value;

    private static readonly Lazy<long> BaselineValue = new(() =>
        Run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "convert").PeakBytes);

    private static ProcessStartInfo BuiltProgram()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "kueueleuleu.exe" : "kueueleuleu");
        return File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "kueueleuleu.dll") } };
    }

    private static ProcessStartInfo Configure(ProcessStartInfo start, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.Environment.Remove("KUEUELEULEU_ENTRYPOINT_IMAGE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void Feed(Stream input, Action<Stream> feed)
    {
        try
        {
            feed(input);
        }
        catch (IOException)
        {
            // The process stopped reading (it refused the input, or exited): that ends an endless feed.
        }
        finally
        {
            try
            {
                input.Dispose();
            }
            catch (IOException)
            {
            }
        }
    }

    // VmHWM is in kB; a process that is gone reads as 0.
    private static long Peak(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
