namespace Kueueleuleu.Operator.Planning;

/// <summary>A Kubernetes Event to record on the SequentialJob.</summary>
/// <param name="Type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
/// <param name="Reason">A CamelCase reason from <see cref="EventReasons"/>.</param>
/// <param name="Message">A human-readable message, at most <see cref="MaxMessageLength"/> characters.</param>
internal sealed record PlannedEvent(string Type, string Reason, string Message)
{
    /// <summary>
    /// The longest message planned: <c>events.k8s.io/v1</c> refuses notes over 1 KiB, and longer texts are unreadable in
    /// <c>kubectl describe</c> anyway.
    /// </summary>
    public const int MaxMessageLength = 1024;

    /// <summary>Creates an event whose message is cut to <see cref="MaxMessageLength"/>.</summary>
    public static PlannedEvent Create(string type, string reason, string message) =>
        new(type, reason, message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 3), "..."));
}

/// <summary>The two Event types Kubernetes knows.</summary>
internal static class EventTypes
{
    /// <summary>Something expected happened.</summary>
    public const string Normal = "Normal";

    /// <summary>Something went wrong or needs attention.</summary>
    public const string Warning = "Warning";
}
