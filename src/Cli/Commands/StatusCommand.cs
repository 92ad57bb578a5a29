using System.CommandLine;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Entities;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Commands;

/// <summary>The <c>status</c> command: a SequentialJob's steps as a table, once or as they change (<c>-w</c>).</summary>
internal static class StatusCommand
{
    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The SequentialJob." };
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Print the table again on every change until the run finishes; exit 0 when it succeeded, 1 when it failed.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, or json or yaml for the SequentialJob's whole status as the API server holds it " +
                "(with -w, one document per change).",
            DefaultValueFactory = _ => TableFormat,
        };
        output.AcceptOnlyFromAmong(TableFormat, DataFormat.Json, DataFormat.Yaml);
        var cluster = new ClusterOptions();
        var command = new Command("status", "Show the steps of a SequentialJob: state, duration, exit code, reason.") { name, watch, output };
        cluster.AddTo(command);
        command.SetAction(result =>
        {
            var render = Renderer(result.GetValue(output)!);
            return ClusterCommandRunner.Run(
                console,
                cluster.Read(result),
                (connection, cancel) => result.GetValue(watch)
                    ? WatchAsync(console, connection, result.GetValue(name)!, render, cancel)
                    : ShowAsync(console, connection, result.GetValue(name)!, render, cancel));
        });
        return command;
    }

    /// <summary>The <c>-o</c> value of the step table.</summary>
    private const string TableFormat = "table";

    /// <summary>
    /// How a read SequentialJob is printed: the table, or its status as data. With <c>-w</c>, tables are separated by a blank
    /// line, YAML documents by <c>---</c>, and JSON documents follow one another as <c>kubectl get -w -o json</c> writes them
    /// (jq reads such a stream).
    /// </summary>
    private static Rendering Renderer(string format) => format switch
    {
        DataFormat.Json => new(obj => DataFormat.Render(StatusOf(obj), format), string.Empty),
        DataFormat.Yaml => new(obj => DataFormat.Render(StatusOf(obj), format), "---\n"),
        _ => new(obj => StatusView.Render(StatusView.Read(obj), DateTimeOffset.UtcNow), "\n"),
    };

    // The status as stored, or an empty object before the operator wrote one, so that the output is always one document.
    private static JsonObject StatusOf(JsonObject obj) =>
        obj["status"] is JsonObject status ? status.DeepClone().AsObject() : [];

    private static async Task<int> ShowAsync(CliConsole console, ClusterConnection connection, string name, Rendering render, CancellationToken cancel)
    {
        console.Out.Write(render.Render(await SequentialJobWatcher.GetAsync(connection, name, cancel)));
        console.Out.Flush();
        return 0;
    }

    /// <summary>How long <c>-w</c> waits after the end of the run for the last step states to arrive.</summary>
    internal static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(15);

    // Appends the output whenever it changes, after the format's separator, so the output works in logs and pipes too.
    private static async Task<int> WatchAsync(CliConsole console, ClusterConnection connection, string name, Rendering render, CancellationToken cancel)
    {
        string? last = null;
        void Print(JsonObject obj)
        {
            var text = render.Render(obj);
            if (text != last)
            {
                console.Out.Write(last is null ? text : render.Separator + text);
                console.Out.Flush();
                last = text;
            }
        }

        var final = StatusView.Read(await SequentialJobWatcher.WaitAsync(
            connection, name, obj => StatusView.IsFinished(StatusView.Read(obj)), Print, cancel));
        if (!StatusView.StepsSettled(final))
        {
            using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            settle.CancelAfter(SettleTime);
            try
            {
                final = StatusView.Read(await SequentialJobWatcher.WaitAsync(
                    connection, name, obj => StatusView.StepsSettled(StatusView.Read(obj)), Print, settle.Token));
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The steps did not settle in time: the run is over all the same; the last table printed stands.
            }
        }

        return final.Status?.Phase == SequentialJobPhase.Succeeded ? 0 : 1;
    }

    /// <summary>A way to print the SequentialJob, and what goes between two prints of it.</summary>
    private sealed record Rendering(Func<JsonObject, string> Render, string Separator);
}
