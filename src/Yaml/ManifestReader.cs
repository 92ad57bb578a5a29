namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads a manifest file's text the way kubectl does: JSON when the first non-whitespace character is
/// <c>{</c> or <c>[</c>, YAML otherwise.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every document in <paramref name="text"/>.</summary>
    public static StreamReadResult Read(string text)
    {
        var start = text.AsSpan().TrimStart();
        var isJson = !start.IsEmpty && (start[0] == '{' || start[0] == '[');
        return isJson ? JsonStreamReader.Read(text) : YamlStreamReader.Read(text);
    }
}
