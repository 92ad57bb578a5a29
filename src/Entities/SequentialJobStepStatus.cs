using System.Text.Json.Serialization;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>The state of one step, as the converter's <see cref="StepStatusReader"/> reads it from the Pod.</summary>
[Description("The state of one step.")]
public sealed class SequentialJobStepStatus
{
    /// <summary>
    /// The most results one step can report: its termination message holds at most 4096 bytes, and each result takes a
    /// line of at least 6 (<c>r N 0</c> and a newline).
    /// </summary>
    public const int MaxResults = 4096 / 6;

    /// <summary>The step name (its container name).</summary>
    [JsonPropertyName("name")]
    [Required]
    [Description("The step name: its container name.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the step stands.</summary>
    [JsonPropertyName("state")]
    [Required]
    [JsonConverter(typeof(JsonStringEnumConverter<StepState>))]
    [Description("Waiting (not started, or waiting for the steps it depends on), Running (also while held for " +
        "debugging), Succeeded, Failed (including timed out and continued on error) or Skipped (a step it depends on " +
        "failed, or its when condition was not met).")]
    public StepState State { get; set; }

    /// <summary>When its command started.</summary>
    [JsonPropertyName("startedAt")]
    [Description("When the step's command started (not its container).")]
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it finished.</summary>
    [JsonPropertyName("finishedAt")]
    [Description("When the step finished.")]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Its command's exit code.</summary>
    [JsonPropertyName("exitCode")]
    [Description("The exit code of the step's command, once it finished.")]
    public int? ExitCode { get; set; }

    /// <summary>A short CamelCase reason.</summary>
    [JsonPropertyName("reason")]
    [Description("A short CamelCase reason: Error, TimedOut, ContinuedOnError, DependencyFailed, ConditionNotMet, " +
        "HeldForDebugging, WaitingForDependencies, or the kubelet's (OOMKilled, ErrImagePull, ...).")]
    public string? Reason { get; set; }

    /// <summary>A human-readable detail.</summary>
    [JsonPropertyName("message")]
    [Description("A human-readable detail.")]
    public string? Message { get; set; }

    /// <summary>How many attempts the step made; absent for a step without retries that ran once.</summary>
    [JsonPropertyName("attempts")]
    [Minimum(1)]
    [Description("How many attempts the step made (1 plus its retries so far); present when the step has retries or " +
        "made more than one attempt. exitCode is the last attempt's.")]
    public int? Attempts { get; set; }

    /// <summary>The results the step wrote, in name order.</summary>
    [JsonPropertyName("results")]
    [MaxItems(MaxResults)]
    [ListType("map", "name")]
    [Description("The results the step wrote, in name order, as far as they fitted its share of the termination-message budget.")]
    public IList<SequentialJobStepResult>? Results { get; set; }

    /// <summary>How many results are missing from <see cref="Results"/> because not even their names fitted.</summary>
    [JsonPropertyName("resultsNotReported")]
    [Minimum(0)]
    [Description("How many more results the step wrote whose names did not fit its termination message; they are " +
        "still in the Pod's /kueueleuleu/results/STEP/ for the later steps.")]
    public int? ResultsNotReported { get; set; }

    /// <summary>Copies a step state read by the converter.</summary>
    /// <param name="step">The step state.</param>
    /// <returns>The same state in the resource's shape.</returns>
    public static SequentialJobStepStatus From(StepStatus step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new SequentialJobStepStatus
        {
            Name = step.Name,
            State = step.State,
            StartedAt = step.StartedAt,
            FinishedAt = step.FinishedAt,
            ExitCode = step.ExitCode,
            Reason = step.Reason,
            Message = step.Message,
            Attempts = step.Attempts,
            // Absent rather than empty or zero, so that steps without results keep their status as short as before.
            Results = step.Results.Count == 0 ? null : [.. step.Results.Select(FromResult)],
            ResultsNotReported = step.ResultsNotReported > 0 ? step.ResultsNotReported : null,
        };
    }

    private static SequentialJobStepResult FromResult(StepResult result) => new()
    {
        Name = result.Name,
        Value = result.Truncated ? null : result.Value,
        Size = result.Size,
        Truncated = result.Truncated ? true : null,
    };
}
