using Kueueleuleu.Cli.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>The built <c>kueueleuleu</c> program as a separate process: real streams, real exit codes.</summary>
public class ProcessTests
{
    [Fact]
    public void ConvertsStandardInputToStandardOutput()
    {
        var (code, stdout, stderr) = Run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {mode: \"0755\", greeting: héllo}\n", "convert", "-f", "-");
        Assert.Equal(0, code);
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: \"0755\"\n  greeting: héllo\n", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void FailureWritesOnlyToStandardError()
    {
        var (code, stdout, stderr) = Run("a: [1\n", "convert");
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("<stdin>: document 1: line ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryInputAndJsonOutput()
    {
        var (code, stdout, _) = Run(string.Empty, "convert", "-f", Fixtures.FidelityDirectory, "-o", "json");
        Assert.Equal(0, code);
        Assert.Contains("\"kind\": \"List\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageErrorExitsWithTwo()
    {
        var (code, stdout, stderr) = Run(string.Empty, "convert", "--output", "xml");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("xml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpAndVersion()
    {
        Assert.Contains("convert", Run(string.Empty, "--help").Stdout, StringComparison.Ordinal);
        var (code, stdout, _) = Run(string.Empty, "--version");
        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", stdout, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        var outcome = CliProcess.Run(stdin, args);
        return (outcome.Code, outcome.Stdout, outcome.Stderr);
    }
}
