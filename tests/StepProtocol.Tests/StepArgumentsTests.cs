using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>The converter writes the entrypoint's flags and the status reader reads them back from the Pod alone.</summary>
public sealed class StepArgumentsTests
{
    private static readonly string[] Original = ["go", "--", "-x"];

    /// <summary>Each row: the arguments, and their exact args (the agreed order).</summary>
    public static TheoryData<StepArguments, string[]> Rows() => new()
    {
        {
            new("t", [], OnErrorPolicy.Stop, "Never", null, "/dev/termination-log", Original),
            ["run", "--step=t", "--after=", "--on-error=stop", "--termination-budget=4096", "--termination-log=/dev/termination-log", "--", .. Original]
        },
        {
            new("t", ["a", "b"], OnErrorPolicy.Continue, "OnFailure", "1h30m", "/tmp/log", Original, 3, "2s", StepCondition.Always, DebugPolicy.OnFailure, "10m", 189),
            [
                "run", "--step=t", "--after=a,b", "--on-error=continue", "--restart-policy=OnFailure", "--timeout=1h30m",
                "--retries=3", "--retry-backoff=2s", "--when=always", "--debug=on-failure", "--debug-timeout=10m",
                "--termination-budget=189", "--termination-log=/tmp/log", "--", .. Original,
            ]
        },
        {
            new("t", ["a"], OnErrorPolicy.Stop, "Never", null, "/dev/termination-log", Original, When: StepCondition.OnFailure, TerminationBudget: 3072),
            ["run", "--step=t", "--after=a", "--on-error=stop", "--when=on-failure", "--termination-budget=3072", "--termination-log=/dev/termination-log", "--", .. Original]
        },
        {
            new("t", ["a"], OnErrorPolicy.Stop, "Never", null, "/dev/termination-log", Original, Retries: 1, Debug: DebugPolicy.OnFailure, TerminationBudget: 2048),
            ["run", "--step=t", "--after=a", "--on-error=stop", "--retries=1", "--debug=on-failure", "--termination-budget=2048", "--termination-log=/dev/termination-log", "--", .. Original]
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Writes_the_flags_in_the_agreed_order_each_only_when_not_the_default(StepArguments arguments, string[] args)
    {
        Assert.Equal(args, arguments.ToArgs());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Reads_back_what_it_wrote(StepArguments arguments, string[] args)
    {
        var read = StepArguments.Read(Container(args))!;

        Assert.Equal(
            (arguments.Step, arguments.OnError, arguments.RestartPolicy, arguments.Timeout, arguments.TerminationLog),
            (read.Step, read.OnError, read.RestartPolicy, read.Timeout, read.TerminationLog));
        Assert.Equal(
            (arguments.Retries, arguments.RetryBackoff, arguments.When, arguments.Debug, arguments.DebugTimeout, arguments.TerminationBudget),
            (read.Retries, read.RetryBackoff, read.When, read.Debug, read.DebugTimeout, read.TerminationBudget));
        Assert.Equal(arguments.After, read.After);
        Assert.Equal(arguments.Command, read.Command);
    }

    [Fact]
    public void Args_of_an_older_converter_read_as_the_entrypoints_defaults()
    {
        var read = StepArguments.Read(Container(["run", "--step=t", "--after=", "--on-error=stop", "--termination-log=/dev/termination-log", "--", "true"]))!;

        Assert.Equal(
            (0, null, StepCondition.OnSuccess, DebugPolicy.Never, null, 4096),
            (read.Retries, read.RetryBackoff, read.When, read.Debug, read.DebugTimeout, read.TerminationBudget));
    }

    private static JsonObject Container(IEnumerable<string> args) => new()
    {
        ["name"] = "t",
        ["command"] = new JsonArray("/kueueleuleu/entrypoint"),
        ["args"] = new JsonArray([.. args.Select(a => (JsonNode?)a)]),
    };
}
