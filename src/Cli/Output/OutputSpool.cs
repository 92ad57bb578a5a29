using System.Text;

namespace Kueueleuleu.Cli.Output;

/// <summary>
/// Keeps the output of a run until the run has succeeded, so that a failure writes nothing: in memory while it is
/// small, then in a temporary file, so memory does not grow with the output. The file is deleted as soon as it is
/// created (on Windows: when closed), so even a killed run leaves nothing behind. It can be read back from any
/// position once written (JSON output reads the first document back this way).
/// </summary>
internal sealed class OutputSpool : Stream
{
    /// <summary>The default: output beyond 8 MiB goes to a temporary file.</summary>
    public const int DefaultMemoryLimit = 8 * 1024 * 1024;

    private const int FileBuffer = 64 * 1024;

    private readonly int _memoryLimit;
    private Stream _store = new MemoryStream();
    private bool _inFile;

    /// <summary>Creates a spool that moves to a temporary file past <paramref name="memoryLimit"/> bytes.</summary>
    public OutputSpool(int memoryLimit = DefaultMemoryLimit)
    {
        _memoryLimit = memoryLimit;
    }

    /// <summary>Whether the output went to a temporary file.</summary>
    public bool InFile => _inFile;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _store.Length;

    public override long Position
    {
        get => _store.Position;
        set => _store.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            if (!_inFile && _store.Length + buffer.Length > _memoryLimit)
            {
                MoveToFile();
            }

            _store.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _store.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
    }

    /// <summary>Writes everything spooled to <paramref name="output"/> (UTF-8 text).</summary>
    public void CopyTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            _store.Flush();
            _store.Position = 0;
            using var reader = new StreamReader(_store, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, FileBuffer, leaveOpen: true);
            var chunk = new char[FileBuffer];
            int read;
            while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
            {
                output.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _store.Read(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => _store.Seek(offset, origin);

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Dispose();
        }

        base.Dispose(disposing);
    }

    private void MoveToFile()
    {
        var file = CreateFile();
        var memory = (MemoryStream)_store;
        file.Write(memory.GetBuffer(), 0, (int)memory.Length);
        memory.Dispose();
        _store = file;
        _inFile = true;
    }

    private static FileStream CreateFile()
    {
        var path = Path.GetTempFileName();
        var windows = OperatingSystem.IsWindows();
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileBuffer, windows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!windows)
        {
            File.Delete(path);
        }

        return file;
    }

    // Failures of the temporary file are the output's, not the input's: they get their own exception.
    private static OutputSpoolException Failure(Exception e) =>
        new($"cannot keep the output in a temporary file in {Path.GetTempPath()}: {e.Message}; set TMPDIR to a writable directory with free space", e);
}
