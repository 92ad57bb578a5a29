using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>One kubeconfig file, parsed.</summary>
internal sealed class KubeconfigDocument
{
    private KubeconfigDocument(string path, JsonObject root)
    {
        Path = path;
        Directory = System.IO.Path.GetDirectoryName(path) ?? ".";
        Root = root;
    }

    public string Path { get; }

    /// <summary>Relative paths in the file resolve against this directory (kubectl's rule).</summary>
    public string Directory { get; }

    public JsonObject Root { get; }

    public static KubeconfigDocument Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{full}: the kubeconfig could not be read: {e.Message}", e);
        }

        return Parse(full, text);
    }

    public static KubeconfigDocument Parse(string path, string text) => YamlJson.Parse(text, path) switch
    {
        null => new KubeconfigDocument(path, []),
        JsonObject root => new KubeconfigDocument(path, root),
        _ => throw new KubeconfigException($"{path}: a kubeconfig must be a YAML mapping (apiVersion, clusters, users, contexts)"),
    };

    /// <summary>The named entries of a section such as <c>clusters</c> (body field <c>cluster</c>).</summary>
    public IEnumerable<KubeconfigEntry> Entries(string section, string bodyField)
    {
        var node = Root[section];
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonArray items)
        {
            throw new KubeconfigException($"{Path}: {section}: must be a list of {{name, {bodyField}}} entries");
        }

        for (var i = 0; i < items.Count; i++)
        {
            yield return ReadEntry(items[i], $"{section}[{i}]", bodyField);
        }
    }

    private KubeconfigEntry ReadEntry(JsonNode? item, string at, string bodyField)
    {
        if (item is not JsonObject entry)
        {
            throw new KubeconfigException($"{Path}: {at}: must be a mapping with name and {bodyField}");
        }

        var name = entry["name"] is JsonValue v ? v.GetValue<string>() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new KubeconfigException($"{Path}: {at}.name: is missing; every entry needs a name");
        }

        var body = entry[bodyField] switch
        {
            null => [],
            JsonObject o => o,
            _ => throw new KubeconfigException($"{Path}: {at}.{bodyField}: must be a mapping"),
        };
        return new KubeconfigEntry(name, body, this, $"{at.Split('[')[0]}[name={name}].{bodyField}");
    }
}
