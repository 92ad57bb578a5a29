using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes JSON trees as a YAML stream: block style, 2-space indentation, keys in their order, <c>---</c> between
/// documents, numbers as their exact JSON text, empty mappings and sequences as <c>{}</c> and <c>[]</c>, and
/// strings in the style <see cref="ScalarStyleChooser"/> picks.
/// </summary>
public static class YamlWriter
{
    /// <summary>Writes <paramref name="documents"/> as one YAML stream.</summary>
    public static string Write(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var text = new StringWriter { NewLine = "\n" };
        var writer = new YamlStreamWriter(text);
        foreach (var document in documents)
        {
            writer.Write(document);
        }

        writer.Complete();
        return text.ToString();
    }
}
