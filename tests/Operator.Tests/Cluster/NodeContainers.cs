using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// The node's view of a Pod's containers: the local cluster's node is this machine, so a test can do what a node-level
/// kill or the kernel's OOM killer does to a container's process.
/// </summary>
public static class NodeContainers
{
    /// <summary>The local cluster's containerd (docs/local-cluster.md).</summary>
    private const string Socket = "/run/kueueleuleu-containerd/containerd.sock";

    /// <summary>The host pid of a container's PID 1, from the Pod's status and containerd's task list.</summary>
    public static async Task<int> Pid1Async(JsonObject pod, string container)
    {
        var id = pod["status"]!["containerStatuses"]!.AsArray()
            .Single(s => s!["name"]!.GetValue<string>() == container)!["containerID"]!.GetValue<string>();
        id = id[(id.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var tasks = (await ProcessRunner.RunAsync("ctr", ["--address", Socket, "--namespace", "k8s.io", "tasks", "ls"])).EnsureSuccess().StandardOutput;
        var row = tasks.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(f => f.Length >= 2 && f[0] == id);
        return int.Parse(row[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The host pids whose parent is <paramref name="parent"/>, from /proc.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToList();

    /// <summary>SIGKILL, which no process can catch or survive.</summary>
    public static void Kill(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses; the fields after its closing one are plain.
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
