using System.CommandLine;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Entities;

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
        var cluster = new ClusterOptions();
        var command = new Command("status", "Show the steps of a SequentialJob: state, duration, exit code, reason.") { name, watch };
        cluster.AddTo(command);
        command.SetAction(result => ClusterCommandRunner.Run(
            console,
            cluster.Read(result),
            (connection, cancel) => result.GetValue(watch)
                ? WatchAsync(console, connection, result.GetValue(name)!, cancel)
                : ShowAsync(console, connection, result.GetValue(name)!, cancel)));
        return command;
    }

    private static async Task<int> ShowAsync(CliConsole console, ClusterConnection connection, string name, CancellationToken cancel)
    {
        var job = StatusView.Read(await SequentialJobWatcher.GetAsync(connection, name, cancel));
        console.Out.Write(StatusView.Render(job, DateTimeOffset.UtcNow));
        console.Out.Flush();
        return 0;
    }

    /// <summary>How long <c>-w</c> waits after the end of the run for the last step states to arrive.</summary>
    internal static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(15);

    // Appends the table whenever it changes, separated by a blank line, so the output works in logs and pipes too.
    private static async Task<int> WatchAsync(CliConsole console, ClusterConnection connection, string name, CancellationToken cancel)
    {
        string? last = null;
        void Print(Kueueleuleu.Entities.SequentialJob job)
        {
            var text = StatusView.Render(job, DateTimeOffset.UtcNow);
            if (text != last)
            {
                console.Out.Write(last is null ? text : "\n" + text);
                console.Out.Flush();
                last = text;
            }
        }

        var final = StatusView.Read(await SequentialJobWatcher.WaitAsync(
            connection, name, obj => StatusView.IsFinished(StatusView.Read(obj)), obj => Print(StatusView.Read(obj)), cancel));
        if (!StatusView.StepsSettled(final))
        {
            using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            settle.CancelAfter(SettleTime);
            try
            {
                final = StatusView.Read(await SequentialJobWatcher.WaitAsync(
                    connection, name, obj => StatusView.StepsSettled(StatusView.Read(obj)), obj => Print(StatusView.Read(obj)), settle.Token));
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The steps did not settle in time: the run is over all the same; the last table printed stands.
            }
        }

        return final.Status?.Phase == SequentialJobPhase.Succeeded ? 0 : 1;
    }
}
