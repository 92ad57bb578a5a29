using System.Text;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Cli.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>
/// The output of <c>convert</c> goes through a spool (memory, then a temporary file) and is written on a second thread
/// while the next documents are read: neither may change what is written, nor break the promise that a failed run
/// writes nothing and leaves no file behind.
/// </summary>
public sealed class SpooledOutputTests : IDisposable
{
    private const long Ceiling = 1024L * 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("kueueleuleu-spool").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AnErrorInTheLastDocumentOfALargeStreamWritesNothingAndLeavesNoTemporaryFile()
    {
        // 12,000 good documents convert to more than the spool keeps in memory, so they are in the temporary file
        // when the last document fails.
        const int good = 12_000;
        var input = Path.Combine(_directory, "stream.yaml");
        File.WriteAllText(input, HostileInputTests.Stream(good) + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: last}\nspec:\n  restartPolicy: Never\n  containers:\n  - {name: a, image: alpine, command: [a]}\n  - {name: a, image: alpine, command: [b]}\n");
        var spoolDirectory = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;
        var environment = new Dictionary<string, string> { ["TMPDIR"] = spoolDirectory };

        var failed = CliProcess.Run(_ => { }, environment, Ceiling, "convert", "-f", input);

        Assert.True(failed.Code == 1, $"exit code {failed.Code}; stderr: {failed.Stderr}");
        Assert.Equal(string.Empty, failed.Stdout);
        Assert.Equal(
            $"{input}: document {good + 1} (Pod last): spec.containers[1].name: 'a' is also the name of spec.containers[0]; step names must be unique: rename one",
            Assert.Single(failed.ErrorLines));
        Assert.Empty(Directory.EnumerateFileSystemEntries(spoolDirectory));

        // The same documents without the bad one do go through the temporary file: the failure above threw a spooled
        // file away, not an output still in memory.
        File.WriteAllText(input, HostileInputTests.Stream(good));
        var succeeded = CliProcess.Run(_ => { }, environment, Ceiling, "convert", "-f", input);
        Assert.Equal(0, succeeded.Code);
        Assert.True(Encoding.UTF8.GetByteCount(succeeded.Stdout) > OutputSpool.DefaultMemoryLimit);
        Assert.Empty(Directory.EnumerateFileSystemEntries(spoolDirectory));
    }

    [Fact]
    public void TheBenchmarkStreamConvertsToTheSameBytesAsBefore()
    {
        // stream.yaml is the first 200 documents of the benchmark's generated stream (Pods, Jobs, CronJobs and
        // ConfigMaps); stream.converted.yaml is what convert wrote for them before the output moved to a second thread.
        var directory = Path.Combine(Fixtures.Directory, "Benchmark");
        var expected = File.ReadAllText(Path.Combine(directory, "stream.converted.yaml"));

        var (output, errors) = Pipeline.Convert([InputSource.FromText("stream.yaml", File.ReadAllText(Path.Combine(directory, "stream.yaml")))], OutputFormat.Yaml);

        Assert.Empty(errors);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void TheBenchmarkStreamConvertsToTheSameBytesAsBeforeThroughTheProgram()
    {
        var directory = Path.Combine(Fixtures.Directory, "Benchmark");
        var outcome = CliProcess.Run(_ => { }, null, Ceiling, "convert", "-f", Path.Combine(directory, "stream.yaml"));

        Assert.Equal(string.Empty, outcome.Stderr);
        Assert.Equal(0, outcome.Code);
        Assert.Equal(File.ReadAllText(Path.Combine(directory, "stream.converted.yaml")), outcome.Stdout);
    }
}
