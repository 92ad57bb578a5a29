using System.Diagnostics;
using System.Text;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>
/// Inputs that used to hang the command, crash it (exit 70) or let it grow without bound: each must end with one
/// error line naming the input, exit code 1 and nothing on standard output, within a bounded amount of memory.
/// Memory bounds are generous multiples of what is being held (the runtime's own footprint, plus a multiple of the
/// largest document); the old code went past them by far (4 GB for /dev/zero), and the ceiling kills it early.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private const long Ceiling = 1024 * MiB;
    private const long DocumentLimit = 32 * MiB;

    private readonly string _directory = Directory.CreateTempSubdirectory("kueueleuleu-hostile").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoneSurrogateInJsonIsAnErrorNamingFileDocumentAndField()
    {
        var file = Write("surrogate.json", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"x": "\udc00"}}""");
        var outcome = CliProcess.Run(string.Empty, "convert", "-f", file);
        AssertRefused(outcome, $"{file}: document 1: data.x: a string \"\\udc00\" holds a \\u escape of half a UTF-16 surrogate pair");
    }

    [Fact]
    public void LoneSurrogateInAJsonKeyIsAnErrorNamingTheMapping()
    {
        var console = new TestConsole { Stdin = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}, \"data\": {\"\\ud800\": \"x\"}}" };
        Assert.Equal(1, console.Run("convert"));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.StartsWith("<stdin>: document 1: data: a key holds a \\u escape of half", Assert.Single(console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void DevZeroIsRefusedAtOnce()
    {
        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-f", "/dev/zero");
        AssertRefused(outcome, "/dev/zero: is not a text file (NUL byte at offset 0)");
        AssertPeakBelow(outcome, CliProcess.Baseline + (64 * MiB));
    }

    [Fact]
    public void EndlessYamlDocumentOnStandardInputStopsAtTheDocumentLimit()
    {
        var outcome = CliProcess.Run(
            input => Endless(input, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  big: ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            null, Ceiling, "convert");
        AssertRefused(outcome, "<stdin>: document 1: is larger than 32 MiB, the limit for one document");
        AssertPeakBelow(outcome, CliProcess.Baseline + (8 * DocumentLimit));
    }

    [Fact]
    public void EndlessJsonValueStopsAtTheDocumentLimitWithItsNumber()
    {
        var outcome = CliProcess.Run(
            input => Endless(input, "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}\n{\"items\": [", "\"" + new string('x', 1000) + "\", "),
            null, Ceiling, "convert", "-f", "-");
        AssertRefused(outcome, "<stdin>: document 2: is larger than 32 MiB, the limit for one document");
        AssertPeakBelow(outcome, CliProcess.Baseline + (8 * DocumentLimit));
    }

    [Fact]
    public void EndlessTinyValuesStopAtTheValueLimit()
    {
        // Two bytes of text per value, a few hundred bytes of memory each: the byte limit alone would allow gigabytes.
        var outcome = CliProcess.Run(input => Endless(input, "apiVersion: v1\nkind: ConfigMap\ndata: [", "1,"), null, Ceiling, "convert");
        AssertRefused(outcome, "<stdin>: document 1: holds more than 1,000,000 values (mappings, lists and scalars), the limit for one document");
        AssertPeakBelow(outcome, CliProcess.Baseline + (8 * DocumentLimit));
    }

    [Fact]
    public void MemoryDoesNotGrowWithTheNumberOfDocuments()
    {
        var small = Write("small.yaml", Stream(14_000));
        var large = Write("large.yaml", Stream(4 * 14_000));
        var spoolDirectory = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;
        var environment = new Dictionary<string, string> { ["TMPDIR"] = spoolDirectory };

        var few = CliProcess.Run(_ => { }, environment, Ceiling, "convert", "-f", small);
        var many = CliProcess.Run(_ => { }, environment, Ceiling, "convert", "-f", large);

        Assert.Equal(0, few.Code);
        Assert.Equal(0, many.Code);
        Assert.Equal(string.Empty, many.Stderr);
        Assert.Equal(14_000, Count(few.Stdout, "\nkind: "));
        Assert.Equal(4 * 14_000, Count(many.Stdout, "\nkind: "));
        // Four times the documents may not cost more than a few more buffers (the old code held every document).
        AssertPeakBelow(many, few.PeakBytes + (32 * MiB));
        // The output went through a temporary file (it is larger than the in-memory part), which is gone.
        Assert.True(Encoding.UTF8.GetByteCount(many.Stdout) > 8 * MiB);
        Assert.Empty(Directory.EnumerateFileSystemEntries(spoolDirectory));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public void AListOfLongStringsCostsASmallMultipleOfItsSize(string format)
    {
        // One 20 MB document: the old code held the input text, the tree and three copies of the output at once.
        var items = Enumerable.Range(0, 2_000).Select(i =>
            $"{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"c{i}\"}}, \"data\": {{\"script\": \"{string.Concat(Enumerable.Repeat("echo hello; ", 800))}\"}}}}");
        var list = Write("list.json", $"{{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{string.Join(", ", items)}]}}");
        var size = new FileInfo(list).Length;

        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-o", format, "-f", list);

        Assert.Equal(0, outcome.Code);
        Assert.Equal(2_000, Count(outcome.Stdout, "ConfigMap"));
        AssertPeakBelow(outcome, CliProcess.Baseline + (8 * size));
    }

    [Theory]
    [InlineData("json", 6_000, "yaml")]
    [InlineData("yaml", 12_000, "yaml")]
    [InlineData("json", 6_000, "json")]
    [InlineData("yaml", 12_000, "json")]
    public void AListOfPodsIsConvertedItemByItem(string input, int pods, string output)
    {
        // About 8 MB. Held as one tree, with the converter's copy beside it, it took 50 to 60 times its size; item by
        // item it takes the raw YAML tree (about 10 times the text) or the JSON text and its index.
        var pod = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pod-NAME", "namespace": "default", "labels": {"app": "bench"}},
             "spec": {"restartPolicy": "Never", "containers": [
               {"name": "build", "image": "registry.example/build:1.2.3", "command": ["make", "build"], "resources": {"requests": {"cpu": "200m", "memory": "128Mi"}}, "env": [{"name": "MODE", "value": "on"}]},
               {"name": "test", "image": "registry.example/test:1.2.3", "command": ["make", "test"], "resources": {"requests": {"cpu": "200m", "memory": "128Mi"}}, "env": [{"name": "MODE", "value": "on"}]}]},
             "status": {"phase": "Pending"}}
            """.ReplaceLineEndings(" ");
        var items = Enumerable.Range(0, pods).Select(i => pod.Replace("NAME", $"{i}", StringComparison.Ordinal));
        var json = $"{{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{string.Join(",\n", items)}]}}";
        var list = Write($"pods.{input}", input == "json" ? json : Codec.WriteYaml(Codec.ReadOne(json)));
        var size = new FileInfo(list).Length;

        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-o", output, "-f", list);

        Assert.Equal(string.Empty, outcome.Stderr);
        Assert.Equal(0, outcome.Code);
        Assert.Equal(pods, Count(outcome.Stdout, output == "yaml" ? "name: kueueleuleu-init" : "\"name\": \"kueueleuleu-init\""));
        AssertPeakBelow(outcome, CliProcess.Baseline + (30 * size));
    }

    [Fact]
    public void AnUnwritableTemporaryDirectoryIsOneErrorAndNoOutput()
    {
        var large = Write("large.yaml", Stream(30_000));
        var environment = new Dictionary<string, string> { ["TMPDIR"] = Path.Combine(_directory, "missing") };
        var outcome = CliProcess.Run(_ => { }, environment, Ceiling, "convert", "-f", large);
        AssertRefused(outcome, "error: cannot keep the output in a temporary file in ");
    }

    [Fact]
    public void AFifoInADirectoryIsNotOpened()
    {
        Write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-a}\n");
        MakeFifo(Path.Combine(_directory, "b.yaml"));
        Write("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-c}\n");

        // Nobody ever writes to b.yaml: opening it would wait forever.
        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-f", _directory);

        Assert.Equal(string.Empty, outcome.Stderr);
        Assert.Equal(0, outcome.Code);
        Assert.Equal(["from-a", "from-c"], Codec.ReadAll(outcome.Stdout).Select(d => d["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AFifoNamedWithFIsReadAsAStream()
    {
        var fifo = Path.Combine(_directory, "pipe");
        MakeFifo(fifo);
        var writer = Task.Run(() =>
        {
            using var output = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            output.Write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: through-a-fifo}\n"u8);
        });

        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-f", fifo);

        await writer.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, outcome.Code);
        Assert.Equal("through-a-fifo", Codec.ReadOne(outcome.Stdout)["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFifoWhoseWriterNeverStopsEndsAtTheDocumentLimit()
    {
        var fifo = Path.Combine(_directory, "endless");
        MakeFifo(fifo);
        var writer = Task.Run(() =>
        {
            try
            {
                using var output = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                Endless(output, "a: ", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
            }
            catch (IOException)
            {
                // The reader closed the FIFO.
            }
        });

        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-f", fifo);

        await writer.WaitAsync(TimeSpan.FromMinutes(1));
        AssertRefused(outcome, $"{fifo}: document 1: is larger than 32 MiB");
    }

    private static void AssertRefused(CliOutcome outcome, string errorStart)
    {
        Assert.True(outcome.Code == 1, $"exit code {outcome.Code}; stderr: {outcome.Stderr}");
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith(errorStart, Assert.Single(outcome.ErrorLines), StringComparison.Ordinal);
    }

    private static void AssertPeakBelow(CliOutcome outcome, long bound) =>
        Assert.True(outcome.PeakBytes <= bound, $"peak memory {outcome.PeakMiB:0.0} MiB, expected at most {bound / 1024.0 / 1024.0:0.0} MiB");

    // Writes head, then body again and again until the reader goes away.
    private static void Endless(Stream output, string head, string body)
    {
        output.Write(Encoding.UTF8.GetBytes(head));
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(body, 1024)));
        while (true)
        {
            output.Write(chunk);
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A stream of realistic documents, Jobs and ConfigMaps (about 145 bytes each, about 800 bytes converted).</summary>
    internal static string Stream(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i % 2 == 0
                ? $"---\napiVersion: batch/v1\nkind: Job\nmetadata: {{name: job-{i}}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {{name: a, image: alpine, command: [make, a]}}\n      - {{name: b, image: alpine, command: [make, b]}}\n"
                : $"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: config-{i}}}\ndata: {{mode: \"0755\"}}\n");
        }

        return text.ToString();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
