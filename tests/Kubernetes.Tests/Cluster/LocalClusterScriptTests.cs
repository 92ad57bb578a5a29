using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// hack/cluster/up.sh on a cluster that is partly down, as after a crash or on a machine restored from a
/// snapshot (the components' pid files are still there, the processes are not), and the CPU priority it gives
/// the node's components against the control plane's.
/// </summary>
[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class LocalClusterScriptTests
{
    // The node's components run at this nice value, the control plane's at 0.
    private const int NodeNice = 10;

    [Fact]
    public async Task Up_restarts_a_dead_component_and_leaves_kube_proxy_running()
    {
        var proxy = ClusterFixture.ComponentPid("kube-proxy");
        var scheduler = ClusterFixture.ComponentPid("kube-scheduler");
        await ClusterFixture.KillComponentAsync("kube-scheduler");

        await LocalClusterScripts.UpAsync();

        var restarted = ClusterFixture.ComponentPid("kube-scheduler");
        Assert.NotEqual(scheduler, restarted);
        Assert.True(ClusterFixture.IsRunning(restarted, "kube-scheduler"));
        // kube-proxy exits when its configuration file is written, even with unchanged content.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(proxy, ClusterFixture.ComponentPid("kube-proxy"));
        Assert.True(ClusterFixture.IsRunning(proxy, "kube-proxy"));
    }

    [Fact]
    public async Task Up_restarts_kube_proxy_whose_pid_file_outlived_it()
    {
        var proxy = ClusterFixture.ComponentPid("kube-proxy");
        await ClusterFixture.KillComponentAsync("kube-proxy");

        await LocalClusterScripts.UpAsync();

        var restarted = ClusterFixture.ComponentPid("kube-proxy");
        Assert.NotEqual(proxy, restarted);
        Assert.True(ClusterFixture.IsRunning(restarted, "kube-proxy"));
        Assert.All(ThreadNiceValues(restarted), nice => Assert.Equal(NodeNice, nice));
    }

    [Theory]
    [InlineData("containerd", NodeNice)]
    [InlineData("kubelet", NodeNice)]
    [InlineData("kube-proxy", NodeNice)]
    [InlineData("kube-apiserver", 0)]
    [InlineData("etcd", 0)]
    [InlineData("kube-controller-manager", 0)]
    [InlineData("kube-scheduler", 0)]
    public async Task Up_runs_the_node_below_the_control_plane_priority(string component, int expected)
    {
        await LocalClusterScripts.UpAsync();

        var pid = ClusterFixture.ComponentPid(component);
        Assert.All(ThreadNiceValues(pid), nice => Assert.Equal(expected, nice));
        if (AutogroupNice(pid) is { } groupNice)
        {
            Assert.Equal(expected, groupNice);
        }
    }

    /// <summary>The nice value of each of the process's threads (field 19 of /proc/PID/task/TID/stat).</summary>
    private static List<int> ThreadNiceValues(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task").Select(task =>
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            // The command name may hold spaces and parentheses; the fields after it start with the state (field 3).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
        })];

    /// <summary>The nice value of the process's scheduling group ("/autogroup-N nice V"); null without autogroups.</summary>
    private static int? AutogroupNice(int pid)
    {
        var path = $"/proc/{pid}/autogroup";
        if (!File.Exists(path) || File.ReadAllText("/proc/sys/kernel/sched_autogroup_enabled").Trim() != "1")
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return int.Parse(text[(text.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
