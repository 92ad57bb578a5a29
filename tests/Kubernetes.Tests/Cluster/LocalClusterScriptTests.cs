using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>
/// hack/cluster/up.sh on a cluster that is partly down, as after a crash or on a machine restored from a
/// snapshot: the components' pid files are still there, the processes are not.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LocalClusterScriptTests
{
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
    }
}
