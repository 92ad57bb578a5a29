using System.Text;
using Kueueleuleu.Cli;

namespace Kueueleuleu.Cli.Tests.Support;

/// <summary>Runs the real entry point in-process with captured standard streams.</summary>
internal sealed class TestConsole
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string Stdin { get; set; } = string.Empty;

    public bool StdinRedirected { get; set; } = true;

    public string Stdout { get; private set; } = string.Empty;

    public string Stderr { get; private set; } = string.Empty;

    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public TestConsole WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    public int Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(
            () => new MemoryStream(Encoding.UTF8.GetBytes(Stdin)),
            stdout,
            stderr,
            StdinRedirected,
            name => _environment.GetValueOrDefault(name));
        var code = CliApp.Run(args, console);
        Stdout = stdout.ToString();
        Stderr = stderr.ToString();
        return code;
    }
}
