namespace Kueueleuleu.Registry;

/// <summary>A failure found along a lookup, before the requests made are attached to it (<see cref="RegistryFailure"/>).</summary>
internal sealed record Problem(RegistryFailureKind Kind, string Message);
