namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>A step with its policies resolved: defaults applied, names checked, the graph free of cycles.</summary>
/// <param name="Name">The step name: the container name.</param>
/// <param name="After">The steps it waits for; empty means it starts at once.</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="Timeout">How long its command may run; <see langword="null"/> for no limit.</param>
public sealed record StepPlan(string Name, IReadOnlyList<string> After, OnErrorPolicy OnError, GoDuration? Timeout);
