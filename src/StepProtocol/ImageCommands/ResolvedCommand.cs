using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.StepProtocol.ImageCommands;

/// <summary>
/// What a container without <c>command</c> runs: the argv, split into the part that plays the role of
/// <c>command</c> (the image's ENTRYPOINT) and the part that plays <c>args</c> (the step's args, else the image's CMD);
/// or, when both are empty, the error the runtime would give.
/// </summary>
public sealed record ResolvedCommand
{
    private ResolvedCommand(IReadOnlyList<string> command, IReadOnlyList<string> arguments, string? error)
    {
        Command = command;
        Arguments = arguments;
        Error = error;
    }

    /// <summary>The ENTRYPOINT part (empty when the image has none).</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>The args part: the step's args when given, else the image's CMD.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Why nothing can run, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether there is something to run.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The whole argv: <see cref="Command"/> then <see cref="Arguments"/>; its first item is the program.</summary>
    public IReadOnlyList<string> Argv => [.. Command, .. Arguments];

    /// <summary>Value equality over the items of the lists.</summary>
    /// <param name="other">The other result.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ResolvedCommand? other) =>
        other is not null && Command.SequenceEqual(other.Command) && Arguments.SequenceEqual(other.Arguments) && Error == other.Error;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Command.Count, Arguments.Count, Error);

    internal static ResolvedCommand Run(IReadOnlyList<string> command, IReadOnlyList<string> arguments) => new(command, arguments, null);

    internal static ResolvedCommand Fail(string error) => new([], [], error);
}
