namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>A duration written in Go's <c>time.ParseDuration</c> syntax, kept with the text the user wrote.</summary>
/// <param name="Text">The text as written, passed to the entrypoint unchanged (Go parses it the same way).</param>
/// <param name="Nanoseconds">The length of the duration.</param>
public readonly record struct GoDuration(string Text, long Nanoseconds)
{
    /// <summary>The duration as a <see cref="TimeSpan"/> (truncated to 100 ns ticks).</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <summary>Returns the text as written.</summary>
    /// <returns><see cref="Text"/>.</returns>
    public override string ToString() => Text;
}
