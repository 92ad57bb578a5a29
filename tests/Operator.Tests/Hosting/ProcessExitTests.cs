using Kueueleuleu.Operator.Tests.Cluster;

namespace Kueueleuleu.Operator.Tests.Hosting;

/// <summary>The operator binary itself, started as a process: exit statuses and messages that need no cluster.</summary>
public class ProcessExitTests
{
    [Fact]
    public async Task Invalid_configuration_exits_2_with_one_line_naming_the_setting()
    {
        var result = await OperatorProcess.RunToExitAsync(OperatorProcess.BesideTests, ["--workers=zero"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("kueueleuleu-operator: invalid configuration: --workers: must be a whole number from 1 to 256, got \"zero\"", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unusable_kubeconfig_exits_2_naming_the_flag()
    {
        var result = await OperatorProcess.RunToExitAsync(OperatorProcess.BesideTests, ["--kubeconfig=/nonexistent/kubeconfig"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("kueueleuleu-operator: invalid configuration: --kubeconfig: ", result.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unknown_flag_exits_2_with_one_line_and_no_usage()
    {
        var result = await OperatorProcess.RunToExitAsync(OperatorProcess.BesideTests, ["--workers=2", "--bogus=1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("kueueleuleu-operator: invalid configuration: unknown flag --bogus (see --help)", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var result = await OperatorProcess.RunToExitAsync(OperatorProcess.BesideTests, ["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--leader-elect", result.Stdout, StringComparison.Ordinal);
    }
}
