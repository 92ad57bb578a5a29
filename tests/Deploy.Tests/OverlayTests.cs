using static Kueueleuleu.Deploy.Tests.Tool;

namespace Kueueleuleu.Deploy.Tests;

/// <summary>The test overlay changes nothing of config/default but the namespaces the operator watches.</summary>
public sealed class OverlayTests
{
    [Fact]
    public async Task Overlay_is_config_default_plus_the_namespaces_flag()
    {
        var install = await RunAsync("kubectl", ["kustomize", Path.Combine(RepoRoot, "config", "default")], TimeSpan.FromSeconds(60));
        var overlay = await RunAsync("kubectl", ["kustomize", Path.Combine(RepoRoot, "tests", "Deploy.Tests", "overlay")], TimeSpan.FromSeconds(60));

        const string Anchor = "        - --log-format=json\n";
        Assert.Contains(Anchor, install, StringComparison.Ordinal);
        Assert.Equal(install.Replace(Anchor, Anchor + "        - --namespaces=" + TestNamespace + "\n", StringComparison.Ordinal), overlay);
    }

    [Fact]
    public async Task Config_default_sets_the_images_hack_deploy_builds()
    {
        var install = await RunAsync("kubectl", ["kustomize", Path.Combine(RepoRoot, "config", "default")], TimeSpan.FromSeconds(60));
        Assert.Contains("image: docker.io/kueueleuleu/operator:0.1.0\n", install, StringComparison.Ordinal);
        var deploy = await File.ReadAllTextAsync(Path.Combine(RepoRoot, "hack", "deploy.sh"));
        Assert.Contains("operator_image=docker.io/kueueleuleu/operator:0.1.0\n", deploy, StringComparison.Ordinal);
        Assert.Contains("entrypoint_image=docker.io/kueueleuleu/entrypoint:0.1.0\n", deploy, StringComparison.Ordinal);
    }
}
