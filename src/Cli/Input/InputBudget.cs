using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Input;

/// <summary>
/// The bytes all inputs of one run may add up to. Memory does not depend on it (documents are streamed), but an
/// endless input (<c>yes | kueueleuleu convert</c>, a FIFO whose writer never stops) must end, and the output kept
/// until the run succeeds must stay a sensible size.
/// </summary>
internal sealed class InputBudget(long limit)
{
    /// <summary>The default: 256 MiB, half a million typical manifests.</summary>
    public const long DefaultLimit = 256L * 1024 * 1024;

    private long _used;

    /// <summary>The limit, in bytes.</summary>
    public long Limit => limit;

    /// <summary>Wraps <paramref name="input"/> so every byte read from it is counted against the budget.</summary>
    public Stream Track(Stream input) => new CountingStream(input, this);

    private void Use(int bytes)
    {
        _used += bytes;
        if (_used > limit)
        {
            throw new InputBudgetException(
                $"the inputs of this run add up to more than {Size.Describe(limit)}, the limit for one run; convert them in several runs");
        }
    }

    private sealed class CountingStream(Stream inner, InputBudget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Use(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
