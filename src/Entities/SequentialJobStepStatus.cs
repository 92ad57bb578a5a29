using System.Text.Json.Serialization;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>The state of one step, as the converter's <see cref="StepStatusReader"/> reads it from the Pod.</summary>
[Description("The state of one step.")]
public sealed class SequentialJobStepStatus
{
    /// <summary>The step name (its container name).</summary>
    [JsonPropertyName("name")]
    [Required]
    [Description("The step name: its container name.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the step stands.</summary>
    [JsonPropertyName("state")]
    [Required]
    [JsonConverter(typeof(JsonStringEnumConverter<StepState>))]
    [Description("Waiting (not started, or waiting for the steps it depends on), Running, Succeeded, Failed " +
        "(including timed out and continued on error) or Skipped (a step it depends on failed).")]
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
    [Description("A short CamelCase reason: Error, TimedOut, ContinuedOnError, DependencyFailed, " +
        "WaitingForDependencies, or the kubelet's (OOMKilled, ErrImagePull, ...).")]
    public string? Reason { get; set; }

    /// <summary>A human-readable detail.</summary>
    [JsonPropertyName("message")]
    [Description("A human-readable detail.")]
    public string? Message { get; set; }

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
        };
    }
}
