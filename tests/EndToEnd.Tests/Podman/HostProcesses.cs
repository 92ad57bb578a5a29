using System.Globalization;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>The processes of this machine, as the node sees a container's: by host pid, from /proc.</summary>
public static class HostProcesses
{
    /// <summary>The pids whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToList();

    /// <summary>Sends SIGKILL, as a node-level kill or the OOM killer does.</summary>
    public static void Kill(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses; the fields after its closing one are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
