using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Cluster;

/// <summary>The SequentialJob JSON fixtures under tests/Cli.Tests/Cluster/Fixtures (read from the source tree).</summary>
internal static class ClusterFixtures
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", "Cli.Tests", "Cluster", "Fixtures", name)))!.AsObject();
}
