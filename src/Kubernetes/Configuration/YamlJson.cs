using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Reads one YAML document into a JSON tree whose scalars are all strings (kubeconfig readers interpret them).</summary>
internal static class YamlJson
{
    public static JsonNode? Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"{file}: line {e.Start.Line}, column {e.Start.Column}: not valid YAML: {e.Message}", e);
        }

        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            // Later duplicates win, as in client-go's YAML decoding.
            obj[((YamlScalarNode)key).Value ?? ""] = Convert(value);
        }

        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var isPlain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        if (isPlain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        return JsonValue.Create(scalar.Value);
    }
}
