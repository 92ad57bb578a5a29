using Kueueleuleu.Cli.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Native;

/// <summary>
/// The native executable behaves as the dotnet tool does: same exit code, same bytes on standard output and standard
/// error, for the fidelity fixtures, the benchmark stream, and bad input.
/// </summary>
[Collection(NativeCliRuns.Name)]
public class NativeCliTests
{
    public static TheoryData<string> FidelityNames() => Fixtures.FidelityNames();

    [Theory]
    [MemberData(nameof(FidelityNames))]
    public void ConvertsEachFidelityFixtureToTheSameYaml(string name)
    {
        var outcome = NativeCli.RunBoth(string.Empty, null, "convert", "-f", Path.Combine(Fixtures.FidelityDirectory, name));
        Assert.Equal(0, outcome.Code);
        Assert.NotEmpty(outcome.Stdout);
    }

    [Fact]
    public void ConvertsTheFidelityDirectoryToTheSameJsonList()
    {
        var outcome = NativeCli.RunBoth(string.Empty, null, "convert", "-f", Fixtures.FidelityDirectory, "-o", "json");
        Assert.Equal(0, outcome.Code);
        Assert.Contains("\"kind\": \"List\"", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertsTheBenchmarkStreamToTheSameBytes()
    {
        var stream = Path.Combine(Fixtures.Directory, "Benchmark", "stream.yaml");
        var outcome = NativeCli.RunBoth(string.Empty, null, "convert", "-f", stream);
        Assert.Equal(0, outcome.Code);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures.Directory, "Benchmark", "stream.converted.yaml")), outcome.Stdout);
    }

    [Fact]
    public void ConvertsStandardInput()
    {
        var outcome = NativeCli.RunBoth("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {greeting: héllo}\n", null, "convert", "-f", "-");
        Assert.Equal(0, outcome.Code);
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  greeting: héllo\n", outcome.Stdout);
    }

    [Fact]
    public void AnInvalidFieldAfterAGoodDocumentIsTheSameErrorWithNoOutput()
    {
        const string Stream = "apiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  containers:\n  - {name: a, image: x, command: [sh]}\n" +
            "---\napiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers:\n  - name: a\n    image: x\n    command: [sh]\n" +
            "    resources: {limits: {cpu: banana}}\n";
        var outcome = NativeCli.RunBoth(Stream, null, "convert");
        Assert.Equal(1, outcome.Code);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith("<stdin>: document 2 (Pod bad): spec.containers[0].resources.limits.cpu: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("banana", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYamlIsTheSameErrorWithNoOutput()
    {
        var outcome = NativeCli.RunBoth("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\na: [1\n", null, "convert");
        Assert.Equal(1, outcome.Code);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith("<stdin>: document 2: line ", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsTheSameError()
    {
        var outcome = NativeCli.RunBoth(string.Empty, null, "convert", "-f", "/nonexistent/kueueleuleu-input.yaml");
        Assert.Equal(1, outcome.Code);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("/nonexistent/kueueleuleu-input.yaml", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AUsageErrorExitsWithTwo()
    {
        var outcome = NativeCli.RunBoth(string.Empty, null, "convert", "--output", "xml");
        Assert.Equal(2, outcome.Code);
        Assert.Contains("xml", outcome.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("convert", "--help")]
    [InlineData("run", "--help")]
    public void HelpAndVersionAreTheSame(params string[] args)
    {
        var outcome = NativeCli.RunBoth(string.Empty, null, args);
        Assert.Equal(0, outcome.Code);
        Assert.NotEmpty(outcome.Stdout);
    }
}
