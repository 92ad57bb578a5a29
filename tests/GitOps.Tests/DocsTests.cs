using Kueueleuleu.GitOps.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Kueueleuleu.GitOps.Tests;

/// <summary>docs/gitops.md's argocd-cm snippet is the tested health.lua, byte for byte.</summary>
public sealed class DocsTests
{
    private const string Key = "resource.customizations.health.kueueleuleu.io_SequentialJob";

    [Fact]
    public void The_argocd_cm_snippet_holds_health_lua()
    {
        var doc = File.ReadAllText(Paths.GitOpsDoc);
        var blocks = doc.Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        var snippet = Assert.Single(blocks, b => b.Contains(Key, StringComparison.Ordinal));

        var stream = new YamlStream();
        stream.Load(new StringReader(snippet));
        var configMap = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("argocd-cm", ((YamlScalarNode)configMap["metadata"]["name"]).Value);
        var lua = ((YamlScalarNode)configMap["data"][Key]).Value;

        Assert.Equal(File.ReadAllText(Paths.HealthLua), lua);
    }
}
