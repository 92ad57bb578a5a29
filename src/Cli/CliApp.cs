using System.CommandLine;
using System.Reflection;
using System.CommandLine.Invocation;
using Kueueleuleu.Cli.Commands;
using Kueueleuleu.Cli.Errors;

namespace Kueueleuleu.Cli;

/// <summary>
/// The command line: parses arguments, maps parse errors to exit code 2, runs the command, and turns any
/// unexpected exception into one line on standard error and exit code 70 (never a stack trace).
/// </summary>
internal static class CliApp
{
    /// <summary>Runs <c>kueueleuleu</c> with <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        try
        {
            var root = new RootCommand("kueueleuleu runs the containers of a Kubernetes Pod, Job or CronJob one after the other.")
            {
                ConvertCommand.Create(console),
                RunCommand.Create(console),
                StatusCommand.Create(console),
                LogsCommand.Create(console),
                ResultsCommand.Create(console),
            };
            foreach (var version in root.Options.OfType<VersionOption>())
            {
                version.Action = new PrintVersionAction(console.Out);
            }

            var parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction)
            {
                return ReportParseErrors(console, parsed);
            }

            return parsed.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The command boundary: any bug must become one line and exit 70, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.Error.WriteLine($"kueueleuleu: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); please report this with the input that caused it");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The version of this assembly (the default reads the entry assembly, which is wrong in-process).</summary>
    internal static string InformationalVersion =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static int ReportParseErrors(CliConsole console, ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            console.Error.WriteLine($"error: {error.Message}");
        }

        var command = parsed.CommandResult.Command;
        var path = command is RootCommand ? "kueueleuleu" : $"kueueleuleu {command.Name}";
        console.Error.WriteLine($"Run '{path} --help' for usage.");
        return ExitCodes.UsageError;
    }
}

/// <summary>Prints <see cref="CliApp.InformationalVersion"/> for <c>--version</c>.</summary>
internal sealed class PrintVersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(CliApp.InformationalVersion);
        return ExitCodes.Success;
    }
}
