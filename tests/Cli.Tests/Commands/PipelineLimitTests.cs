using System.Text;
using Kueueleuleu.Cli.Commands;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>The run-wide input budget and the output spool, on in-memory inputs.</summary>
public class PipelineLimitTests
{
    private const string ConfigMap = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";

    [Fact]
    public void TheBudgetCountsEveryInputOfTheRun()
    {
        // Each input fits; together they do not. The error names the input that went past the budget.
        var first = InputSource.FromText("first.yaml", string.Concat(Enumerable.Repeat(ConfigMap, 300)));
        var second = InputSource.FromText("second.yaml", string.Concat(Enumerable.Repeat(ConfigMap, 300)));
        var errors = Run([first, second], new InputBudget(24 * 1024));
        Assert.Equal("second.yaml: the inputs of this run add up to more than 24 KiB, the limit for one run; convert them in several runs", Assert.Single(errors).ToString());
    }

    [Fact]
    public void AnEndlessStreamOfGoodDocumentsEndsAtTheBudget()
    {
        var endless = new InputSource("<stdin>", () => new RepeatingStream(Encoding.UTF8.GetBytes(ConfigMap)));
        var errors = Run([endless], new InputBudget(1024 * 1024));
        Assert.StartsWith("<stdin>: the inputs of this run add up to more than 1 MiB", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSpoolMovesToAFileAndGivesBackEveryByte()
    {
        var text = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i}: héllo ✓\n"));
        using var spool = new OutputSpool(memoryLimit: 4096);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var at = 0; at < bytes.Length; at += 1000)
        {
            spool.Write(bytes.AsSpan(at, Math.Min(1000, bytes.Length - at)));
        }

        Assert.True(spool.InFile);
        using var copy = new StringWriter();
        spool.CopyTo(copy);
        Assert.Equal(text, copy.ToString());

        // Read back from the start, as JSON output reads its first document back.
        spool.Position = 0;
        using var bytesBack = new MemoryStream();
        spool.CopyTo(bytesBack);
        Assert.Equal(bytes, bytesBack.ToArray());
    }

    private static List<Diagnostic> Run(IReadOnlyList<InputSource> sources, InputBudget budget)
    {
        var errors = new List<Diagnostic>();
        using var output = new ManifestWriter(OutputFormat.Yaml, Stream.Null);
        Assert.False(ConvertPipeline.Run(sources, new ConversionOptions(), output, errors.Add, budget: budget));
        return errors;
    }

    private sealed class RepeatingStream(byte[] unit) : Stream
    {
        private long _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = unit[_at++ % unit.Length];
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
