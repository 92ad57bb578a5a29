using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>A named cluster, user or context with the file it came from, and typed field readers whose errors name both.</summary>
internal sealed record KubeconfigEntry(string Name, JsonObject Body, KubeconfigDocument Source, string FieldPath)
{
    public string? String(string field) => Body[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Error(field, "must be a string"),
    };

    public bool Bool(string field) => String(field) switch
    {
        null => false,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error(field, $"'{other}' is not true or false"),
    };

    /// <summary>A file path field, resolved against the kubeconfig's directory when relative.</summary>
    public string? FilePath(string field)
    {
        var value = String(field);
        return string.IsNullOrEmpty(value) ? null : ResolvePath(value);
    }

    public string ResolvePath(string value) => Path.IsPathRooted(value) ? value : Path.GetFullPath(Path.Combine(Source.Directory, value));

    /// <summary>Reads a file named by a path field.</summary>
    public string ReadFile(string field)
    {
        var path = FilePath(field) ?? throw Error(field, "is empty");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(field, $"the file '{path}' could not be read: {e.Message}", e);
        }
    }

    /// <summary>A base64 <c>*-data</c> field, decoded to text (PEM).</summary>
    public string? Base64Text(string field)
    {
        var value = String(field);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException e)
        {
            throw Error(field, "is not valid base64 (it must hold the base64 of the PEM text)", e);
        }
    }

    /// <summary>A nested mapping such as <c>exec</c>.</summary>
    public JsonObject? Object(string field) => Body[field] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Error(field, "must be a mapping"),
    };

    public string Where(string field) => $"{Source.Path}: {FieldPath}.{field}";

    public KubeconfigException Error(string field, string problem, Exception? inner = null) =>
        inner is null ? new KubeconfigException($"{Where(field)}: {problem}") : new KubeconfigException($"{Where(field)}: {problem}", inner);
}
