using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>Builders and readers for the objects the tests create.</summary>
public static class Objects
{
    public static JsonObject ConfigMap(string name, JsonObject? data = null, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [] },
        ["data"] = data ?? new JsonObject { ["key"] = "value" },
    };

    /// <summary>A busybox Pod (image imported into the node by up.sh) running a shell script.</summary>
    public static JsonObject Pod(string name, string script, string containerName = "main", JsonArray? extraContainers = null)
    {
        var containers = new JsonArray(Container(containerName, script));
        foreach (var extra in extraContainers ?? [])
        {
            containers.Add(extra!.DeepClone());
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["restartPolicy"] = "Never",
                ["automountServiceAccountToken"] = false,
                ["terminationGracePeriodSeconds"] = 0,
                ["containers"] = containers,
            },
        };
    }

    public static JsonObject Container(string name, string script) => new()
    {
        ["name"] = name,
        ["image"] = "localhost/busybox:local",
        ["imagePullPolicy"] = "Never",
        ["command"] = new JsonArray("sh", "-c", script),
    };

    public static JsonObject OwnerReference(JsonObject owner, bool blockOwnerDeletion = true) => new()
    {
        ["apiVersion"] = (string?)owner["apiVersion"],
        ["kind"] = (string?)owner["kind"],
        ["name"] = Name(owner),
        ["uid"] = Uid(owner),
        ["blockOwnerDeletion"] = blockOwnerDeletion,
    };

    public static string Name(JsonObject obj) => (string)obj["metadata"]!["name"]!;

    public static string Uid(JsonObject obj) => (string)obj["metadata"]!["uid"]!;

    public static string ResourceVersion(JsonObject obj) => (string)obj["metadata"]!["resourceVersion"]!;
}
