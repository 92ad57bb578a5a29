using System.Globalization;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Field paths for error messages, spelled like the converter's: <c>spec.containers[1].command</c>, and
/// <c>metadata.annotations[kueueleuleu.io/steps]</c> for keys that are not plain identifiers.
/// </summary>
internal static class FieldPath
{
    /// <summary>The path of a mapping entry.</summary>
    public static string Key(string path, string key)
    {
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return $"{path}[{key}]";
        }

        return path.Length == 0 ? key : $"{path}.{key}";
    }

    /// <summary>The path of a sequence item.</summary>
    public static string Index(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
