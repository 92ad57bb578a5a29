using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Output;

/// <summary>The machine-readable formats of the cluster commands' <c>-o</c>: indented JSON or YAML, one value each.</summary>
internal static class DataFormat
{
    /// <summary>The <c>-o</c> value for JSON.</summary>
    public const string Json = "json";

    /// <summary>The <c>-o</c> value for YAML.</summary>
    public const string Yaml = "yaml";

    /// <summary>Whether <paramref name="format"/> is one of the machine-readable formats.</summary>
    public static bool IsData(string? format) => format is Json or Yaml;

    /// <summary>
    /// <paramref name="value"/> as one JSON or YAML document, ending with a newline; as the API server sent it, so fields
    /// this CLI does not know still show.
    /// </summary>
    public static string Render(JsonNode? value, string format) => format switch
    {
        Json => JsonWriter.Write([value]),
        Yaml => YamlWriter.Write([value]),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a data format"),
    };
}
