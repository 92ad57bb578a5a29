namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>Why a <see cref="Reflector"/> is not watching.</summary>
/// <param name="Error">The latest failure of a list or watch.</param>
/// <param name="Since">When the current streak of failures began (the first failure since the last open watch).</param>
public sealed record ReflectorFailure(Exception Error, DateTimeOffset Since);
