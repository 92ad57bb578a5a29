using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>The real entry point, run in-process with captured streams.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - {name: a, image: alpine, command: [echo, a]}
              - {name: b, image: alpine, command: [echo, b]}
        """;

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("kueueleuleu-cli").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ConvertsStandardInputGivenAsDash()
    {
        var console = new TestConsole { Stdin = Job };
        Assert.Equal(0, console.Run("convert", "-f", "-"));
        Assert.Equal(string.Empty, console.Stderr);
        var output = Codec.ReadOne(console.Stdout);
        Assert.Equal("kueueleuleu-init", output["spec"]!["template"]!["spec"]!["initContainers"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ReadsPipedStandardInputWithoutFilename()
    {
        var console = new TestConsole { Stdin = ConfigMap };
        Assert.Equal(0, console.Run("convert"));
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n", console.Stdout);
    }

    [Fact]
    public void NoInputFromATerminalIsAUsageError()
    {
        var console = new TestConsole { StdinRedirected = false };
        Assert.Equal(2, console.Run("convert"));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.Contains("no input", console.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoriesExpandToManifestFilesSortedByName()
    {
        Write("b.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-b}\n");
        Write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-a}\n");
        Write("c.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"from-c\"}}");
        Write("notes.txt", "not: a manifest");
        Write("sub/d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-d}\n");

        var console = new TestConsole();
        Assert.Equal(0, console.Run("convert", "-f", _directory));
        Assert.Equal(["from-a", "from-b", "from-c"], Names(console.Stdout));

        Assert.Equal(0, console.Run("convert", "-R", "-f", _directory));
        Assert.Equal(["from-a", "from-b", "from-c", "from-d"], Names(console.Stdout));
    }

    [Fact]
    public void FilenamesAreReadInTheOrderGiven()
    {
        var first = Write("z.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z}\n");
        var second = Write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        var console = new TestConsole();
        Assert.Equal(0, console.Run("convert", "-f", first, "--filename", second));
        Assert.Equal(["z", "a"], Names(console.Stdout));
    }

    [Fact]
    public void JsonOutputIsOneObjectOrAList()
    {
        var console = new TestConsole { Stdin = ConfigMap };
        Assert.Equal(0, console.Run("convert", "-o", "json"));
        Assert.Equal("ConfigMap", JsonNode.Parse(console.Stdout)!["kind"]!.GetValue<string>());

        console.Stdin = ConfigMap + "---\n" + Job;
        Assert.Equal(0, console.Run("convert", "-f", "-", "--output", "json"));
        var list = JsonNode.Parse(console.Stdout)!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Equal(2, list["items"]!.AsArray().Count);
    }

    [Fact]
    public void EveryErrorIsReportedAtOnceAndNothingIsWritten()
    {
        var bad = Write("bad.yaml", ConfigMap + "---\na: .inf\n---\n" + Job.Replace("command: [echo, b]", "command: 7", StringComparison.Ordinal));
        var broken = Write("broken.yaml", "a: [1\n");
        var good = Write("good.yaml", Job);
        var console = new TestConsole();

        Assert.Equal(1, console.Run("convert", "-f", good, "-f", bad, "-f", broken, "-f", Path.Combine(_directory, "missing.yaml")));

        Assert.Equal(string.Empty, console.Stdout);
        var lines = console.ErrorLines;
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{Path.Combine(_directory, "missing.yaml")}: no such file", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{bad}: document 2: line 6, column 4: a: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{bad}: document 3 (Job j): spec.template.spec.containers[1].command: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{broken}: document 1: line ", StringComparison.Ordinal));
    }

    [Fact]
    public void ErrorsNameNamespaceAndNameOfTheObject()
    {
        var console = new TestConsole
        {
            Stdin = Job.Replace("metadata: {name: j}", "metadata: {name: j, namespace: ci}", StringComparison.Ordinal)
                .Replace("command: [echo, b]", "command: []", StringComparison.Ordinal),
        };
        Assert.Equal(1, console.Run("convert", "-f", "-"));
        Assert.StartsWith("<stdin>: document 1 (Job ci/j): spec.template.spec.containers[1].command: ", Assert.Single(console.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a scalar\n", "found a string")]
    [InlineData("- a\n- b\n", "found a list")]
    [InlineData("# nothing\n", "no Kubernetes objects found")]
    public void InputThatIsNotObjectsIsAnError(string stdin, string message)
    {
        var console = new TestConsole { Stdin = stdin };
        Assert.Equal(1, console.Run("convert", "-f", "-"));
        Assert.Contains(message, console.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, console.Stdout);
    }

    [Fact]
    public void InvalidUtf8IsAnErrorNamingTheFile()
    {
        var file = Path.Combine(_directory, "latin1.yaml");
        File.WriteAllBytes(file, [.. "a: caf"u8, 0xE9, (byte)'\n']);
        var console = new TestConsole();
        Assert.Equal(1, console.Run("convert", "-f", file));
        Assert.StartsWith($"{file}: is not valid UTF-8", console.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EntrypointImageComesFromFlagThenEnvironmentThenDefault()
    {
        Assert.Equal(ConversionOptions.DefaultEntrypointImage, InitImage(new TestConsole { Stdin = Job }));
        Assert.Equal("env/image:1", InitImage(new TestConsole { Stdin = Job }.WithEnvironment("KUEUELEULEU_ENTRYPOINT_IMAGE", "env/image:1")));
        Assert.Equal("flag/image:2", InitImage(new TestConsole { Stdin = Job }.WithEnvironment("KUEUELEULEU_ENTRYPOINT_IMAGE", "env/image:1"), "--entrypoint-image", "flag/image:2"));
    }

    [Fact]
    public void RequestsMoveToThePeakByDefaultAndStayAsWrittenOnRequest()
    {
        const string twoSteps = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: j}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: a, image: alpine, command: [echo, a], resources: {requests: {cpu: "2"}}}
                  - {name: b, image: alpine, command: [echo, b], resources: {requests: {cpu: "2"}}}
            """;
        var peak = new TestConsole { Stdin = twoSteps };
        var asWritten = new TestConsole { Stdin = twoSteps };

        Assert.Equal(0, peak.Run("convert"));
        Assert.Equal(0, asWritten.Run("convert", "--requests", "as-written"));

        var peakSpec = Codec.ReadOne(peak.Stdout)["spec"]!["template"]!["spec"]!;
        Assert.Equal("2", peakSpec["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("0", peakSpec["containers"]![1]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        var writtenSpec = Codec.ReadOne(asWritten.Stdout)["spec"]!["template"]!["spec"]!;
        Assert.Equal("10m", writtenSpec["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("2", writtenSpec["containers"]![1]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("convert", "--requests", "sum")]
    [InlineData("convert", "--output", "xml")]
    [InlineData("convert", "--nope")]
    [InlineData("convert", "-f")]
    [InlineData("convert", "-f", "-", "-f", "-")]
    [InlineData("convert", "--entrypoint-image", "")]
    [InlineData("frobnicate")]
    [InlineData]
    public void UsageErrorsExitWithTwoAndWriteNothingOnStdout(params string[] args)
    {
        var console = new TestConsole { Stdin = ConfigMap };
        Assert.Equal(2, console.Run(args));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.Contains("--help", console.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("convert", "--help")]
    [InlineData("convert", "-h")]
    public void HelpIsAvailableAtEveryLevel(params string[] args)
    {
        var console = new TestConsole();
        Assert.Equal(0, console.Run(args));
        Assert.Contains("Usage:", console.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, console.Stderr);
    }

    [Fact]
    public void ConvertHelpListsEveryOption()
    {
        var console = new TestConsole();
        console.Run("convert", "--help");
        foreach (var option in new[] { "--filename", "--recursive", "--output", "--entrypoint-image", "KUEUELEULEU_ENTRYPOINT_IMAGE", "--requests" })
        {
            Assert.Contains(option, console.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void VersionPrintsTheInformationalVersion()
    {
        var console = new TestConsole();
        Assert.Equal(0, console.Run("--version"));
        Assert.StartsWith("0.1.0", console.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsByteForByteStable()
    {
        var input = string.Join("---\n", Fixtures.FidelityFiles.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)).Select(File.ReadAllText));
        var first = new TestConsole { Stdin = input };
        var second = new TestConsole { Stdin = input };
        Assert.Equal(0, first.Run("convert"));
        Assert.Equal(0, second.Run("convert"));
        Assert.Equal(first.Stdout, second.Stdout);
    }

    private static string InitImage(TestConsole console, params string[] extra)
    {
        Assert.Equal(0, console.Run(["convert", "-f", "-", .. extra]));
        return Codec.ReadOne(console.Stdout)["spec"]!["template"]!["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>();
    }

    private static List<string> Names(string yaml) =>
        Codec.ReadAll(yaml).Select(d => d["metadata"]!["name"]!.GetValue<string>()).ToList();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
