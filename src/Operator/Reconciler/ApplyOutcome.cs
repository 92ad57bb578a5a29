using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>How carrying out a plan went.</summary>
/// <param name="Result">What to tell the controller.</param>
/// <param name="Outcome">
/// A short word for the span and logs: <c>unchanged</c>, <c>applied</c>, <c>conflict</c>, <c>job-exists</c>,
/// <c>job-refused</c>, <c>status-refused</c>, <c>deleted</c>, <c>gone</c>.
/// </param>
/// <param name="JobAlreadyExisted">Whether the Job to create already existed, so the plan was made on a stale cache.</param>
/// <param name="JobCreateRefusal">Why the server refused to create the Job, when it did; nothing after the create was done.</param>
internal sealed record ApplyOutcome(ReconcileResult Result, string Outcome, bool JobAlreadyExisted = false, ApiRefusal? JobCreateRefusal = null);
