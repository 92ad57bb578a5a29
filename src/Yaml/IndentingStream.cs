namespace Kueueleuleu.Yaml;

/// <summary>
/// Writes through to a stream, adding a fixed indentation after every line break. Indented JSON has line breaks only
/// between tokens (a line break inside a string is escaped), so this turns a document written alone into the same
/// document written two levels deeper, as an item of a List.
/// </summary>
internal sealed class IndentingStream(Stream inner, byte[] indentation) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var end = buffer.IndexOf((byte)'\n');
            if (end < 0)
            {
                inner.Write(buffer);
                return;
            }

            inner.Write(buffer[..(end + 1)]);
            inner.Write(indentation);
            buffer = buffer[(end + 1)..];
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
