namespace Kueueleuleu.Cli.Cluster;

/// <summary>
/// The shell of every cluster command: connects, runs the command's body, and reports expected failures (kubeconfig,
/// not found, forbidden, unreachable cluster) as one line on standard error with exit code 1. Anything else is a bug
/// and is left to the command line's internal-error handler.
/// </summary>
internal static class ClusterCommandRunner
{
    /// <summary>Runs <paramref name="body"/> against the selected cluster and returns the exit code.</summary>
    public static int Run(CliConsole console, ClusterSelection selection, Func<ClusterConnection, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var connection = ClusterConnection.Open(selection, console.GetEnvironmentVariable);
            return body(connection, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (ClusterErrors.Describe(e) is { } message)
        {
            console.Out.Flush();
            console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
            return ClusterErrors.Failure;
        }
    }
}
