using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Images;
using Kueueleuleu.Registry.Manifests;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>The platform a pod spec's images are looked up for: a table of specs, fallbacks and outcomes.</summary>
public sealed class PlatformSelectionTests
{
    private const string Terms = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // spec (JSON), fallback, expected platform or "error at PATH"
        { "nothing said: the fallback", "{}", "linux/amd64", "linux/amd64" },
        { "nothing said, --platform arm64", "{}", "linux/arm64", "linux/arm64/v8" },
        { "nodeSelector arch", """{"nodeSelector": {"kubernetes.io/arch": "arm64"}}""", "linux/amd64", "linux/arm64/v8" },
        { "nodeSelector beta arch (1.20 nodes carry it)", """{"nodeSelector": {"beta.kubernetes.io/arch": "arm64"}}""", "linux/amd64", "linux/arm64/v8" },
        { "nodeSelector os", """{"nodeSelector": {"kubernetes.io/os": "windows"}}""", "linux/amd64", "windows/amd64" },
        { "spec.os.name", """{"os": {"name": "windows"}}""", "linux/amd64", "windows/amd64" },
        { "the spec's arch beats --platform's", """{"nodeSelector": {"kubernetes.io/arch": "amd64"}}""", "linux/arm64", "linux/amd64" },
        { "--platform's variant kept for the same arch", """{"nodeSelector": {"kubernetes.io/arch": "arm"}}""", "linux/arm/v6", "linux/arm/v6" },
        { "another arch gets its default variant", """{"nodeSelector": {"kubernetes.io/arch": "arm"}}""", "linux/amd64", "linux/arm/v7" },
        { "os from the spec, arch from --platform", """{"nodeSelector": {"kubernetes.io/os": "linux"}}""", "linux/arm64", "linux/arm64/v8" },
        { "nodeSelector and beta label agree", """{"nodeSelector": {"kubernetes.io/arch": "arm64", "beta.kubernetes.io/arch": "arm64"}}""", "linux/amd64", "linux/arm64/v8" },
        { "unrelated nodeSelector", """{"nodeSelector": {"disktype": "ssd"}}""", "linux/amd64", "linux/amd64" },
        { "affinity: one term, one In value", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}]"""), "linux/amd64", "linux/arm64/v8" },
        { "affinity: every term pins the same value", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}, {"key": "zone", "operator": "In", "values": ["a"]}]}, {"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}]"""), "linux/amd64", "linux/arm64/v8" },
        { "affinity on other labels only", Affinity("""[{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]"""), "linux/amd64", "linux/amd64" },
        { "affinity agrees with nodeSelector", """{"nodeSelector": {"kubernetes.io/arch": "arm64"}, "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}]}}}}""", "linux/amd64", "linux/arm64/v8" },
        { "affinity: two values in one term", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}]}]"""), "linux/amd64", $"error at {Terms}[0]" },
        { "affinity: NotIn leaves several", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "NotIn", "values": ["arm64"]}]}]"""), "linux/amd64", $"error at {Terms}[0]" },
        { "affinity: terms pin different values", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]}]}, {"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}]"""), "linux/amd64", $"error at {Terms}" },
        { "affinity: one term leaves the arch free", Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}, {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}]"""), "linux/amd64", $"error at {Terms}" },
        { "nodeSelector contradicts affinity", """{"nodeSelector": {"kubernetes.io/arch": "arm64"}, "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]}]}]}}}}""", "linux/amd64", $"error at {Terms}" },
        { "nodeSelector contradicts its beta label", """{"nodeSelector": {"kubernetes.io/arch": "arm64", "beta.kubernetes.io/arch": "amd64"}}""", "linux/amd64", "error at spec.template.spec.nodeSelector[beta.kubernetes.io/arch]" },
        { "spec.os.name contradicts nodeSelector", """{"nodeSelector": {"kubernetes.io/os": "linux"}, "os": {"name": "windows"}}""", "linux/amd64", "error at spec.template.spec.os.name" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses_the_platform_the_pod_spec_runs_on(string description, string spec, string fallback, string expected)
    {
        var choice = PlatformSelection.Select(JsonNode.Parse(spec)!.AsObject(), "spec.template.spec", Platform.Parse(fallback));

        var actual = choice.Succeeded ? choice.Platform.ToString() : $"error at {choice.ErrorPath}";
        Assert.True(expected == actual, $"{description}: expected {expected}, got {actual} {choice.Error}");
    }

    [Fact]
    public void An_ambiguous_spec_says_why_and_what_to_do()
    {
        var spec = JsonNode.Parse(Affinity("""[{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}]}]"""))!.AsObject();

        var choice = PlatformSelection.Select(spec, "spec", Platform.LinuxAmd64);

        Assert.False(choice.Succeeded);
        Assert.Contains("more than one architecture", choice.Error, StringComparison.Ordinal);
        Assert.Contains("nodeSelector", choice.Error, StringComparison.Ordinal);
        Assert.Contains("give those steps a command", choice.Error, StringComparison.Ordinal);
    }

    private static string Affinity(string terms) =>
        """{"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": """ + terms + "}}}}";
}
