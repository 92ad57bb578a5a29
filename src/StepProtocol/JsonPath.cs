using System.Globalization;

namespace Kueueleuleu.StepProtocol;

/// <summary>Builds the JSON paths that error messages use to point into an object.</summary>
internal static class JsonPath
{
    /// <summary>The path of a property: <c>spec.containers</c>.</summary>
    public static string Property(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The path of an array item: <c>containers[1]</c>.</summary>
    public static string Index(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>
    /// The path of a map entry whose key is not an identifier, such as an annotation:
    /// <c>metadata.annotations[kueueleuleu.io/steps]</c>.
    /// </summary>
    public static string Key(string path, string key) => $"{path}[{key}]";
}
