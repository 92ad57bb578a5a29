namespace Kueueleuleu.ControllerRuntime.LeaderElection;

/// <summary>
/// A write was refused (or cancelled in flight) because this replica's leadership term had ended. A cancellation: the
/// work of the term stops with it.
/// </summary>
public sealed class LeadershipLostException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which write, and why the term ended.</param>
    /// <param name="token">The ended term's token.</param>
    /// <param name="inner">The cancellation of the write in flight, if it was one.</param>
    public LeadershipLostException(string message, CancellationToken token, Exception? inner = null)
        : base(message, inner, token)
    {
    }
}
