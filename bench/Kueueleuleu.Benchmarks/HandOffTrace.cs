using System.Globalization;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// One hand-off split into its phases, from the trace lines the entrypoint prints with <c>KUEUELEULEU_TRACE=1</c>
/// (<c>kueueleuleu: trace STEP PHASE UNIX_NS</c>): the previous step's side (its command exited, its marker written, synced,
/// renamed into place) and the next step's (its waiter woke, had read every marker, spawned the command). All times are
/// the node's one clock, read in two containers.
/// </summary>
/// <param name="Record">Previous command's exit to its marker's data written to the temporary file (results read, outcome encoded).</param>
/// <param name="Fsync">The temporary file's fsync before the rename (zero with <c>restartPolicy: Never</c>, where the marker is not synced).</param>
/// <param name="WakeUp">Rename to the next waiter's last wake-up (inotify delivers the rename).</param>
/// <param name="Read">Wake-up to every marker read (and the inotify watch let go).</param>
/// <param name="Prepare">Markers read to the spawn beginning (the <c>when</c> verdict, the results directory).</param>
/// <param name="Spawn">The spawn: <c>PATH</c> lookup, fork and <c>execve</c> of the command, until the new image runs.</param>
internal sealed record HandOffPhases(double Record, double Fsync, double WakeUp, double Read, double Prepare, double Spawn)
{
    /// <summary>The phases' names, in the order they happen, as the table's rows.</summary>
    public static readonly string[] Names =
        ["record (exit → marker data written)", "fsync of the marker", "wake-up (rename → waiter woke)", "read (woke → markers read)", "prepare (read → spawn begins)", "spawn (fork + execve)", "whole hand-off (exit → command runs)"];

    /// <summary>The phases' values in milliseconds, in the order of <see cref="Names"/>, the whole last.</summary>
    public double[] Values => [Record, Fsync, WakeUp, Read, Prepare, Spawn, Record + Fsync + WakeUp + Read + Prepare + Spawn];

    /// <summary>The hand-off from <paramref name="previous"/> to <paramref name="next"/>, from each one's container log; null when a phase is missing.</summary>
    public static HandOffPhases? From(string previous, string previousLog, string next, string nextLog)
    {
        var before = Parse(previous, previousLog);
        var after = Parse(next, nextLog);
        if (Last(before, "exited") is not { } exited || Last(before, "marker-written") is not { } written || Last(before, "marker-renaming") is not { } renaming ||
            Last(after, "deps-read") is not { } read || Last(after, "spawning") is not { } spawning || Last(after, "spawned") is not { } spawned)
        {
            return null;
        }

        // The last wake-up before the markers were read is the one the rename caused.
        var woke = after.Where(p => p.Phase == "woke" && p.AtNs <= read).Select(p => (long?)p.AtNs).LastOrDefault() ?? read;
        woke = Math.Max(woke, renaming);
        return new HandOffPhases(Ms(exited, written), Ms(written, renaming), Ms(renaming, woke), Ms(woke, read), Ms(read, spawning), Ms(spawning, spawned));
    }

    private static List<(string Phase, long AtNs)> Parse(string step, string log) =>
        [.. log.Split('\n')
            .Select(line => line.Trim().Split(' '))
            .Where(f => f is ["kueueleuleu:", "trace", _, _, _] && f[2] == step)
            .Select(f => (f[3], long.Parse(f[4], CultureInfo.InvariantCulture)))];

    private static long? Last(List<(string Phase, long AtNs)> phases, string phase) =>
        phases.Where(p => p.Phase == phase).Select(p => (long?)p.AtNs).LastOrDefault();

    private static double Ms(long fromNs, long toNs) => (toNs - fromNs) / 1e6;
}
