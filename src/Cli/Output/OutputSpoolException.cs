namespace Kueueleuleu.Cli.Output;

/// <summary>The <see cref="OutputSpool"/>'s temporary file could not be created, written or read.</summary>
internal sealed class OutputSpoolException : Exception
{
    public OutputSpoolException()
    {
    }

    public OutputSpoolException(string message)
        : base(message)
    {
    }

    public OutputSpoolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
