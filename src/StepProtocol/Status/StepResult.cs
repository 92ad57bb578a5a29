namespace Kueueleuleu.StepProtocol.Status;

/// <summary>One result a step wrote (a file in its results directory), as its termination message reported it.</summary>
/// <param name="Name">The result's name: its file name.</param>
/// <param name="Value">Its content, decoded; <see langword="null"/> when it did not fit in the step's termination budget.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Truncated">
/// Whether the value is missing from the status (too large for the budget, or not UTF-8 text); later steps of the
/// same Pod still read the whole file from the shared volume.
/// </param>
public sealed record StepResult(string Name, string? Value, long Size, bool Truncated);
