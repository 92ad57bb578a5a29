using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities;

/// <summary>A SequentialJob: a Job whose containers run one after the other, with per-step status.</summary>
[Description("SequentialJob runs the containers of a Job's pod template one after the other (or in the order its steps " +
    "policies give) in one Pod, and reports each step's state. The operator creates one batch/v1 Job for it.")]
public sealed class SequentialJob
{
    /// <summary>The API version: <see cref="SequentialJobApi.ApiVersion"/>.</summary>
    [JsonPropertyName("apiVersion")]
    [Description("APIVersion defines the versioned schema of this representation of an object.")]
    public string ApiVersion { get; set; } = SequentialJobApi.ApiVersion;

    /// <summary>The kind: <see cref="SequentialJobApi.Kind"/>.</summary>
    [JsonPropertyName("kind")]
    [Description("Kind is a string value representing the REST resource this object represents.")]
    public string Kind { get; set; } = SequentialJobApi.Kind;

    /// <summary>The object metadata, kept as JSON: the API server owns its shape.</summary>
    [JsonPropertyName("metadata")]
    [ObjectMeta]
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The desired run.</summary>
    [JsonPropertyName("spec")]
    [Required]
    public SequentialJobSpec Spec { get; set; } = new();

    /// <summary>The observed state, written by the operator; <see langword="null"/> before its first reconcile.</summary>
    [JsonPropertyName("status")]
    public SequentialJobStatus? Status { get; set; }

    /// <summary><c>metadata.name</c>, or <see langword="null"/> when absent.</summary>
    [JsonIgnore]
    public string? Name => Text("name");

    /// <summary><c>metadata.namespace</c>, or <see langword="null"/> when absent.</summary>
    [JsonIgnore]
    public string? Namespace => Text("namespace");

    /// <summary><c>metadata.uid</c>, or <see langword="null"/> when absent.</summary>
    [JsonIgnore]
    public string? Uid => Text("uid");

    /// <summary><c>metadata.generation</c>, or <see langword="null"/> when absent.</summary>
    [JsonIgnore]
    public long? Generation => Metadata["generation"] is JsonValue value && value.TryGetValue<long>(out var generation)
        ? generation
        : null;

    private string? Text(string field) =>
        Metadata[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
