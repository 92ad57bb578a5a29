namespace Kueueleuleu.Cli.Errors;

/// <summary>The process exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Every document was converted and written.</summary>
    public const int Success = 0;

    /// <summary>Some input could not be read, parsed or converted; nothing was written to standard output.</summary>
    public const int InputError = 1;

    /// <summary>The command line was wrong (unknown flag, bad value, missing input).</summary>
    public const int UsageError = 2;

    /// <summary>A bug: an unexpected exception (EX_SOFTWARE from sysexits.h).</summary>
    public const int InternalError = 70;
}
