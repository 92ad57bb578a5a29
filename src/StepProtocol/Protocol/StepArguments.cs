using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Protocol;

/// <summary>
/// The arguments of a wrapped step container: <c>run --step=NAME --after=A,B --on-error=stop
/// [--restart-policy=POLICY] [--timeout=DUR] [--retries=N] [--retry-backoff=DUR] [--when=on-failure|always]
/// [--debug=on-failure] [--debug-timeout=DUR] --termination-budget=BYTES --termination-log=PATH -- ORIGINAL...</c>. Written by the converter, read back by the step-status reader, so that
/// a Pod alone tells its step graph.
/// </summary>
/// <param name="Step">The step name.</param>
/// <param name="After">The steps it waits for; empty means it starts at once.</param>
/// <param name="OnError">What its failure means for dependants.</param>
/// <param name="RestartPolicy">
/// The Pod's <c>restartPolicy</c> (<c>Never</c>, <c>OnFailure</c> or <c>Always</c>): whether the kubelet restarts a step
/// that died, so its dependants wait for its next run instead of skipping.
/// </param>
/// <param name="Timeout">Its timeout in Go duration syntax, or <see langword="null"/>.</param>
/// <param name="TerminationLog">Where the entrypoint writes the termination message.</param>
/// <param name="Command">The original command followed by the original args.</param>
/// <param name="Retries">Extra attempts after a failed attempt; 0 for none.</param>
/// <param name="RetryBackoff">The wait before the second attempt in Go duration syntax, or <see langword="null"/> for 1s.</param>
/// <param name="When">When the step runs relative to its dependencies' outcomes.</param>
/// <param name="Debug">Whether a failed step is held for debugging.</param>
/// <param name="DebugTimeout">The longest hold in Go duration syntax, or <see langword="null"/> for 1h.</param>
/// <param name="TerminationBudget">The most bytes the entrypoint may write to the termination log.</param>
public sealed record StepArguments(
    string Step,
    IReadOnlyList<string> After,
    OnErrorPolicy OnError,
    string RestartPolicy,
    string? Timeout,
    string TerminationLog,
    IReadOnlyList<string> Command,
    int Retries = 0,
    string? RetryBackoff = null,
    StepCondition When = StepCondition.OnSuccess,
    DebugPolicy Debug = DebugPolicy.Never,
    string? DebugTimeout = null,
    int TerminationBudget = EntrypointProtocol.DefaultTerminationBudget)
{
    /// <summary>The <c>--on-error</c> value of a policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns><c>stop</c> or <c>continue</c>.</returns>
    public static string OnErrorText(OnErrorPolicy policy) => policy == OnErrorPolicy.Continue ? "continue" : "stop";

    /// <summary>The <c>--when</c> value of a condition.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns><c>on-success</c>, <c>on-failure</c> or <c>always</c>.</returns>
    public static string WhenText(StepCondition condition) => condition switch
    {
        StepCondition.OnFailure => "on-failure",
        StepCondition.Always => "always",
        _ => "on-success",
    };

    /// <summary>The <c>--debug</c> value of the policy that holds failed steps.</summary>
    public const string DebugOnFailureText = "on-failure";

    /// <summary>The entrypoint's argument list, in the order <c>docs/entrypoint.md</c> gives.</summary>
    /// <returns>The args of the step container.</returns>
    public IReadOnlyList<string> ToArgs()
    {
        var args = new List<string>
        {
            EntrypointProtocol.RunVerb,
            EntrypointProtocol.StepFlag + Step,
            EntrypointProtocol.AfterFlag + string.Join(",", After),
            EntrypointProtocol.OnErrorFlag + OnErrorText(OnError),
        };

        // Left out for the entrypoint's default, so Jobs with restartPolicy Never keep their arguments as they were.
        if (RestartPolicy != EntrypointProtocol.DefaultRestartPolicy)
        {
            args.Add(EntrypointProtocol.RestartPolicyFlag + RestartPolicy);
        }

        AddIf(args, Timeout is not null, EntrypointProtocol.TimeoutFlag + Timeout);
        AddIf(args, Retries != 0, EntrypointProtocol.RetriesFlag + Retries.ToString(CultureInfo.InvariantCulture));
        AddIf(args, RetryBackoff is not null, EntrypointProtocol.RetryBackoffFlag + RetryBackoff);
        AddIf(args, When != StepCondition.OnSuccess, EntrypointProtocol.WhenFlag + WhenText(When));
        AddIf(args, Debug == DebugPolicy.OnFailure, EntrypointProtocol.DebugFlag + DebugOnFailureText);
        AddIf(args, DebugTimeout is not null, EntrypointProtocol.DebugTimeoutFlag + DebugTimeout);

        // Always written: the entrypoint's default share suits only small Pods, and the reader needs no guess.
        args.Add(EntrypointProtocol.TerminationBudgetFlag + TerminationBudget.ToString(CultureInfo.InvariantCulture));
        args.Add(EntrypointProtocol.TerminationLogFlag + TerminationLog);
        args.Add(EntrypointProtocol.EndOfFlags);
        args.AddRange(Command);
        return args;
    }

    /// <summary>Whether a container's command is the entrypoint, i.e. the container is a wrapped step.</summary>
    /// <param name="container">A container object.</param>
    /// <returns><see langword="true"/> when its command is exactly <c>["/kueueleuleu/entrypoint"]</c>.</returns>
    public static bool IsWrapped(JsonNode? container) =>
        container is JsonObject obj
        && obj["command"] is JsonArray { Count: 1 } command
        && Text(command[0]) == EntrypointProtocol.EntrypointPath;

    /// <summary>Reads the step arguments of a wrapped container; never throws.</summary>
    /// <param name="container">A container object.</param>
    /// <returns>The arguments, or <see langword="null"/> when the container is not a wrapped step.</returns>
    public static StepArguments? Read(JsonNode? container)
    {
        if (!IsWrapped(container) || container!["args"] is not JsonArray args || args.Count == 0
            || Text(args[0]) != EntrypointProtocol.RunVerb)
        {
            return null;
        }

        var texts = args.Select(a => Text(a) ?? string.Empty).ToList();
        var end = texts.IndexOf(EntrypointProtocol.EndOfFlags);
        var flags = end < 0 ? texts.Skip(1).ToList() : texts.Skip(1).Take(end - 1).ToList();
        var name = Flag(flags, EntrypointProtocol.StepFlag) ?? Text(container["name"]) ?? string.Empty;
        return new StepArguments(
            name,
            (Flag(flags, EntrypointProtocol.AfterFlag) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Flag(flags, EntrypointProtocol.OnErrorFlag) == "continue" ? OnErrorPolicy.Continue : OnErrorPolicy.Stop,
            Flag(flags, EntrypointProtocol.RestartPolicyFlag) ?? EntrypointProtocol.DefaultRestartPolicy,
            Flag(flags, EntrypointProtocol.TimeoutFlag),
            Flag(flags, EntrypointProtocol.TerminationLogFlag) ?? EntrypointProtocol.DefaultTerminationMessagePath,
            end < 0 ? [] : texts.Skip(end + 1).ToList(),
            Number(Flag(flags, EntrypointProtocol.RetriesFlag)) ?? 0,
            Flag(flags, EntrypointProtocol.RetryBackoffFlag),
            ConditionOf(Flag(flags, EntrypointProtocol.WhenFlag)),
            Flag(flags, EntrypointProtocol.DebugFlag) == DebugOnFailureText ? DebugPolicy.OnFailure : DebugPolicy.Never,
            Flag(flags, EntrypointProtocol.DebugTimeoutFlag),
            Number(Flag(flags, EntrypointProtocol.TerminationBudgetFlag)) ?? EntrypointProtocol.DefaultTerminationBudget);
    }

    private static void AddIf(List<string> args, bool condition, string flag)
    {
        if (condition)
        {
            args.Add(flag);
        }
    }

    private static StepCondition ConditionOf(string? text) => text switch
    {
        "on-failure" => StepCondition.OnFailure,
        "always" => StepCondition.Always,
        _ => StepCondition.OnSuccess,
    };

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Flag(List<string> flags, string prefix) =>
        flags.LastOrDefault(f => f.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
