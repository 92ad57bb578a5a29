using System.CommandLine;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Output;

namespace Kueueleuleu.Cli.Commands;

/// <summary>The <c>results</c> command: the results the steps of a SequentialJob reported, from its status.</summary>
internal static class ResultsCommand
{
    /// <summary>The <c>-o</c> value of the table.</summary>
    private const string TextFormat = "text";

    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The SequentialJob." };
        var step = new Option<string?>("--step")
        {
            Description = "Only this step's results.",
            HelpName = "STEP",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text (STEP NAME VALUE lines), json or yaml.",
            DefaultValueFactory = _ => TextFormat,
        };
        output.AcceptOnlyFromAmong(TextFormat, DataFormat.Json, DataFormat.Yaml);
        var cluster = new ClusterOptions();
        var command = new Command(
            "results",
            "Print the results the steps of a SequentialJob wrote to $KUEUELEULEU_RESULTS, as its status reports them; a value " +
            "that did not fit the status is marked truncated.") { name, step, output };
        cluster.AddTo(command);
        command.SetAction(result => ClusterCommandRunner.Run(
            console,
            cluster.Read(result),
            (connection, cancel) => ShowAsync(console, connection, result.GetValue(name)!, result.GetValue(step), result.GetValue(output)!, cancel)));
        return command;
    }

    private static async Task<int> ShowAsync(CliConsole console, ClusterConnection connection, string name, string? step, string format, CancellationToken cancel)
    {
        var job = StatusView.Read(await SequentialJobWatcher.GetAsync(connection, name, cancel));
        var steps = ResultsView.Select(job, step);
        if (DataFormat.IsData(format))
        {
            console.Out.Write(DataFormat.Render(ResultsView.Data(steps, includeEmpty: step is not null), format));
        }
        else if (ResultsView.Text(steps) is { Length: > 0 } text)
        {
            console.Out.Write(text);
        }
        else
        {
            // Nothing on standard output, so that scripts see an empty result; people see why.
            console.Error.WriteLine(step is null
                ? $"sequentialjob \"{name}\" has no results (yet): no step reported any"
                : $"step \"{step}\" of sequentialjob \"{name}\" has no results (yet)");
        }

        console.Out.Flush();
        return 0;
    }
}
