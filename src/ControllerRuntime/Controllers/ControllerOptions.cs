using Kueueleuleu.ControllerRuntime.Queues;

namespace Kueueleuleu.ControllerRuntime.Controllers;

/// <summary>How a <see cref="Controller"/> runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>The controller's name in logs and metrics; also its queue's name.</summary>
    public string Name { get; init; } = "sequentialjob";

    /// <summary>How many keys are reconciled at once (never the same key twice).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>
    /// How long in-flight reconciles may run on after the controller is stopped before their token is cancelled;
    /// the same bound again applies to their reaction to that cancellation.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retry pacing of the work queue (its name is replaced by <see cref="Name"/>).</summary>
    public WorkQueueOptions Queue { get; init; } = new();
}
