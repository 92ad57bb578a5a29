using System.CommandLine;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Cli.Commands;

/// <summary>The <c>logs</c> command: each step's container log in step order, every line prefixed <c>[step] </c>.</summary>
internal static class LogsCommand
{
    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The SequentialJob." };
        var step = new Option<string?>("--step")
        {
            Description = "Only this step's log.",
            HelpName = "STEP",
        };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Stream the running step's log, then the next steps' as they run, until the run ends.",
        };
        var cluster = new ClusterOptions();
        var command = new Command("logs", "Print the logs of a SequentialJob's steps in step order, each line prefixed with [step].") { name, step, follow };
        cluster.AddTo(command);
        command.SetAction(result => ClusterCommandRunner.Run(
            console,
            cluster.Read(result),
            (connection, cancel) => ExecuteAsync(console, connection, new LogsRequest(result.GetValue(name)!, result.GetValue(step), result.GetValue(follow)), cancel)));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliConsole console, ClusterConnection connection, LogsRequest request, CancellationToken cancel)
    {
        var job = StatusView.Read(await SequentialJobWatcher.GetAsync(connection, request.Name, cancel));
        var steps = SelectSteps(job, request);
        if (request.Follow)
        {
            foreach (var step in steps)
            {
                await FollowStepAsync(console, connection, request.Name, step, cancel);
            }

            return 0;
        }

        if (job.Status?.PodName is not { Length: > 0 } pod)
        {
            throw new ClusterCommandException($"sequentialjob \"{request.Name}\" has no pod yet (phase {job.Status?.Phase?.ToString() ?? "Pending"}); use -f to wait for its logs");
        }

        var finished = StatusView.IsFinished(job);
        foreach (var step in steps)
        {
            if (StepLogFormat.Note(step, Find(job, step), finished) is { } note)
            {
                console.Out.WriteLine(note);
                continue;
            }

            await PrintStepAsync(console, connection, pod, step, cancel);
        }

        console.Out.Flush();
        return 0;
    }

    private static List<string> SelectSteps(SequentialJob job, LogsRequest request)
    {
        var steps = StatusView.StepNames(job);
        if (request.Step is null)
        {
            return [.. steps];
        }

        return steps.Contains(request.Step, StringComparer.Ordinal)
            ? [request.Step]
            : throw new ClusterCommandException($"sequentialjob \"{request.Name}\" has no step \"{request.Step}\" (its steps: {string.Join(", ", steps)})");
    }

    private static async Task PrintStepAsync(CliConsole console, ClusterConnection connection, string pod, string step, CancellationToken cancel)
    {
        string text;
        try
        {
            text = await connection.Client.GetPodLogsAsync(connection.Namespace, pod, new PodLogOptions { Container = step }, cancel);
        }
        catch (KubernetesApiException e) when (e.Code == 400)
        {
            console.Out.WriteLine(StepLogFormat.NoLogs(step, e.Status.Message));
            return;
        }
        catch (KubernetesNotFoundException)
        {
            throw PodGone(connection, pod);
        }

        foreach (var line in StepLogFormat.Lines(text))
        {
            console.Out.WriteLine(StepLogFormat.Prefix(step, line));
        }
    }

    // Waits until the step started (or the run ended without it), then streams its log until its container exits.
    private static async Task FollowStepAsync(CliConsole console, ClusterConnection connection, string name, string step, CancellationToken cancel)
    {
        var obj = await SequentialJobWatcher.WaitAsync(connection, name, o => HasStarted(StatusView.Read(o), step), null, cancel);
        var job = StatusView.Read(obj);
        var note = StepLogFormat.Note(step, Find(job, step), StatusView.IsFinished(job));
        if (note is not null || job.Status?.PodName is not { Length: > 0 } pod)
        {
            console.Out.WriteLine(note ?? StepLogFormat.Note(step, null, runFinished: true));
            console.Out.Flush();
            return;
        }

        try
        {
            await foreach (var line in connection.Client.FollowPodLogsAsync(connection.Namespace, pod, new PodLogOptions { Container = step }, cancel))
            {
                console.Out.WriteLine(StepLogFormat.Prefix(step, line));
                console.Out.Flush();
            }
        }
        catch (KubernetesApiException e) when (e.Code == 400)
        {
            console.Out.WriteLine(StepLogFormat.NoLogs(step, e.Status.Message));
            console.Out.Flush();
        }
        catch (KubernetesNotFoundException)
        {
            throw PodGone(connection, pod);
        }
    }

    private static bool HasStarted(SequentialJob job, string step) =>
        StatusView.IsFinished(job)
        || (Find(job, step)?.State is { } state && state != StepState.Waiting && job.Status?.PodName is { Length: > 0 });

    private static SequentialJobStepStatus? Find(SequentialJob job, string step) =>
        job.Status?.Steps?.FirstOrDefault(s => s.Name == step);

    private static ClusterCommandException PodGone(ClusterConnection connection, string pod) =>
        new($"pod \"{pod}\" no longer exists in namespace \"{connection.Namespace}\" (deleted with its Job, e.g. by ttlSecondsAfterFinished); its logs are gone");

    private sealed record LogsRequest(string Name, string? Step, bool Follow);
}
