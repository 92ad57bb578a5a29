using System.Text;
using Kueueleuleu.Cli;

// The real console, in UTF-8 without a byte-order mark and with "\n" line ends, so output is identical everywhere.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { NewLine = "\n" };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { NewLine = "\n", AutoFlush = true };
var console = new CliConsole(
    Console.OpenStandardInput,
    stdout,
    stderr,
    Console.IsInputRedirected,
    Environment.GetEnvironmentVariable);
return CliApp.Run(args, console);
