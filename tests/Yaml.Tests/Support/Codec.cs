using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Yaml.Tests.Support;

/// <summary>Short helpers over the codec for assertions.</summary>
internal static class Codec
{
    public static List<JsonNode> ReadAll(string text)
    {
        var result = ManifestReader.Read(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Documents.Select(d => d.Root).ToList();
    }

    public static JsonNode ReadOne(string text) => Assert.Single(ReadAll(text));

    public static JsonNode? Value(string yaml) => ReadOne("v: " + yaml)["v"];

    public static string WriteYaml(params JsonNode[] documents) => YamlWriter.Write(documents);
}
