using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>Loads fixture files copied next to the test assembly and prints JSON the way the fixtures are written.</summary>
internal static class Fixtures
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Directory(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonNode Load(string folder, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory(folder), file)))!;

    /// <summary>The fixture names in a folder: the part of each file name before <paramref name="suffix"/>.</summary>
    public static List<string> Names(string folder, string suffix) =>
        [.. System.IO.Directory.GetFiles(Directory(folder), "*" + suffix)
            .Select(file => Path.GetFileName(file)[..^suffix.Length])
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Table(IEnumerable<string> names) => new(names);

    /// <summary>Indented JSON text: key order and number text are kept, so comparing texts compares them too.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
