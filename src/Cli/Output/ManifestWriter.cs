using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Output;

/// <summary>Writes converted documents in the chosen format.</summary>
internal static class ManifestWriter
{
    /// <summary>The full output text for <paramref name="documents"/>.</summary>
    public static string Write(IReadOnlyList<JsonNode> documents, OutputFormat format) => format switch
    {
        OutputFormat.Json => JsonWriter.Write(documents),
        _ => YamlWriter.Write(documents),
    };
}
