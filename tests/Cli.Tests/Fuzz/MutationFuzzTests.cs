using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutations of the fidelity corpus run through the real entry point: no exception may escape, a failure
/// writes nothing on standard output, and every error line names the file and the document.
/// </summary>
public sealed partial class MutationFuzzTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("kueueleuleu-fuzz").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1, 150)]
    [InlineData(2, 150)]
    [InlineData(3, 150)]
    public void TextMutations(int seed, int iterations) =>
        Run(seed, iterations, (random, text) => MutateText(random, text));

    [Theory]
    [InlineData(11, 150)]
    [InlineData(12, 150)]
    public void ShapeMutations(int seed, int iterations) =>
        Run(seed, iterations, (random, text) => MutateShape(random, text));

    private void Run(int seed, int iterations, Func<Random, string, byte[]> mutate)
    {
        var random = new Random(seed);
        var corpus = Fixtures.FidelityFiles.Select(File.ReadAllText).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations && clock.Elapsed < Budget; i++)
        {
            var bytes = mutate(random, corpus[random.Next(corpus.Length)]);
            var file = Path.Combine(_directory, $"case-{seed}-{i}.yaml");
            File.WriteAllBytes(file, bytes);
            var console = new TestConsole();
            // --offline: a mutation that drops a command must not send a lookup beyond this machine.
            var code = console.Run("convert", "--offline", "-f", file);
            AssertContract(console, code, file, bytes);
        }
    }

    private static void AssertContract(TestConsole console, int code, string file, byte[] input)
    {
        var decoded = Encoding.UTF8.GetString(input);
        var context = $"input: {decoded[..Math.Min(decoded.Length, 400)]}\nstderr: {console.Stderr}";
        Assert.True(code is 0 or 1, $"exit code {code}; {context}");
        if (code == 0)
        {
            Assert.Equal(string.Empty, console.Stderr);
            Assert.NotEmpty(console.Stdout);
            return;
        }

        Assert.Equal(string.Empty, console.Stdout);
        Assert.NotEmpty(console.ErrorLines);
        foreach (var line in console.ErrorLines)
        {
            Assert.StartsWith(file + ": ", line, StringComparison.Ordinal);
            var rest = line[(file.Length + 2)..];
            var fileLevel = rest.StartsWith("is not valid UTF-8", StringComparison.Ordinal)
                || rest.StartsWith("is not a text file", StringComparison.Ordinal)
                || rest.StartsWith("no Kubernetes objects found", StringComparison.Ordinal);
            var located = DocumentPrefix().IsMatch(rest) || fileLevel;
            Assert.True(located, $"error line does not name a document: {line}");
            var named = LineAndColumn().IsMatch(rest) || PathAfterDocument().IsMatch(rest) || fileLevel
                || rest.Contains("expected a Kubernetes object", StringComparison.Ordinal) || rest.Contains("alias bomb", StringComparison.Ordinal);
            Assert.True(named, $"error line names neither position nor field: {line}");
        }
    }

    private static byte[] MutateText(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(4))
        {
            case 0:
                return bytes[..random.Next(bytes.Length)];
            case 1:
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 2:
                var at = random.Next(bytes.Length);
                var insert = Encoding.UTF8.GetBytes(Pick(random, ["\t", ": ", "- ", "&a ", "*a ", "<<: *a\n", "{", "]", "'", "\"", "\n  ", "---\n", "!!int ", "? "]));
                return [.. bytes[..at], .. insert, .. bytes[at..]];
            default:
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(random.Next(lines.Count));
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }
    }

    // Replaces one node of a parsed document with a value of the wrong shape, then writes the stream back out.
    private static byte[] MutateShape(Random random, string text)
    {
        var documents = ManifestReader.Read(text).Documents.Select(d => d.Root).ToList();
        var target = documents[random.Next(documents.Count)];
        var nodes = new List<JsonNode>();
        Collect(target, nodes);
        var victim = nodes[random.Next(nodes.Count)];
        var replacement = WrongShape(random);
        switch (victim.Parent)
        {
            case JsonObject parent:
                parent[victim.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[victim.GetElementIndex()] = replacement;
                break;
        }

        return Encoding.UTF8.GetBytes(YamlWriter.Write(documents));
    }

    private static JsonNode? WrongShape(Random random) => random.Next(8) switch
    {
        0 => "a string",
        1 => 42,
        2 => new JsonArray("x", 1, null),
        3 => new JsonObject { ["unexpected"] = true },
        4 => null,
        5 => Nest(random.Next(50, 400)),
        6 => new string('x', random.Next(100_000, 1_000_000)),
        _ => new JsonArray(Enumerable.Range(0, 2_000).Select(i => (JsonNode?)new JsonObject { ["name"] = $"c{i}", ["image"] = "busybox", ["command"] = new JsonArray("true") }).ToArray()),
    };

    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["k"] = node };
        }

        return node;
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        if (node.Parent is not null)
        {
            nodes.Add(node);
        }

        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, nodes);
        }
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

    [GeneratedRegex(@"^document \d+( \([^)]*\))?: ")]
    private static partial Regex DocumentPrefix();

    [GeneratedRegex(@"line \d+, column \d+: ")]
    private static partial Regex LineAndColumn();

    [GeneratedRegex(@"^document \d+( \([^)]*\))?: [A-Za-z0-9_.\[\]/-]")]
    private static partial Regex PathAfterDocument();
}
