using System.Diagnostics;
using System.Text;

namespace Kueueleuleu.GitOps.Tests.Support;

/// <summary>
/// The <c>lua5.1</c> interpreter (Debian's package). On a fresh machine it is installed with apt-get the first time a
/// test needs it, so the Argo CD health script is run by a real Lua 5.1, the language Argo CD's VM implements.
/// </summary>
internal static class Lua51
{
    private static readonly Lazy<string> Interpreter = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Interpreter.Value;

    /// <summary>Runs <c>lua5.1 args...</c>; returns its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Exec(Path, args);

    private static string Install()
    {
        if (Find() is { } found)
        {
            return found;
        }

        // apt-get needs fresh package lists on a new machine; try without first, it is much faster.
        var install = Exec("apt-get", "install", "-y", "-q", "lua5.1");
        if (install.ExitCode != 0)
        {
            var update = Exec("apt-get", "update", "-q");
            install = Exec("apt-get", "install", "-y", "-q", "lua5.1");
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"lua5.1 is missing and `apt-get install -y lua5.1` failed (exit {install.ExitCode}; run as root?):\n" +
                    $"{update.Error}\n{install.Output}\n{install.Error}");
            }
        }

        return Find() ?? throw new InvalidOperationException("apt-get installed lua5.1 but no lua5.1 is on PATH");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "lua5.1"))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output, string Error) Exec(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
