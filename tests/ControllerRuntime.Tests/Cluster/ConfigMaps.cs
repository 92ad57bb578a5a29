using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>ConfigMap helpers: the cheapest objects to drive an informer or a controller with.</summary>
public static class ConfigMaps
{
    public const string Managed = "app.kubernetes.io/managed-by";

    public static JsonObject Labels(params (string Key, string Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

    public static Task<JsonObject> CreateAsync(IKubernetesClient client, string ns, string name, JsonObject labels, string value = "0", JsonArray? owners = null) =>
        client.CreateAsync(ResourceType.ConfigMaps, ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels.DeepClone(), ["ownerReferences"] = owners?.DeepClone() ?? new JsonArray() },
            ["data"] = new JsonObject { ["value"] = value },
        });

    public static Task<JsonObject> SetValueAsync(IKubernetesClient client, string ns, string name, string value) =>
        client.PatchAsync(ResourceType.ConfigMaps, ns, name, Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["value"] = value } }));

    public static string? Value(JsonObject? configMap) => (string?)configMap?["data"]?["value"];

    public static InformerOptions Options(string ns, string selector) => new()
    {
        Namespace = ns,
        LabelSelector = selector,
        Watch = new Kueueleuleu.Kubernetes.Watching.ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(2) },
    };
}
