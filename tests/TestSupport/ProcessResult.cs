namespace Kueueleuleu.TestSupport;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws with the whole output when the process failed, so a broken setup explains itself.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{Command}` exited {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        return this;
    }
}
