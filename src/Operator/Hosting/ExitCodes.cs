namespace Kueueleuleu.Operator.Hosting;

/// <summary>The operator's exit statuses.</summary>
public static class ExitCodes
{
    /// <summary>Stopped on request (SIGTERM, Ctrl+C) or printed help.</summary>
    public const int Success = 0;

    /// <summary>An unrecoverable error at run time (the listen address is taken, work did not stop when leadership was lost).</summary>
    public const int Failure = 1;

    /// <summary>The configuration is invalid; stderr names the setting.</summary>
    public const int InvalidConfiguration = 2;
}
