namespace Kueueleuleu.Operator.Planning;

/// <summary>An API server's answer refusing a write: what the user needs to see in the status.</summary>
/// <param name="Code">The HTTP status code, such as 403 or 422.</param>
/// <param name="Reason">The Status reason, such as <c>Forbidden</c> or <c>Invalid</c>; empty when the server gave none.</param>
/// <param name="Message">The server's message, such as <c>exceeded quota: jobs, requested: count/jobs.batch=1 ...</c>.</param>
internal sealed record ApiRefusal(int Code, string Reason, string Message)
{
    /// <summary><c>403 Forbidden: message</c>.</summary>
    public override string ToString() =>
        Reason.Length == 0 ? StepText.Invariant($"{Code}: {Message}") : StepText.Invariant($"{Code} {Reason}: {Message}");
}
