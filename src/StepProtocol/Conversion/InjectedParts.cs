using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.StepProtocol.Reservation;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>The objects the converter adds to a pod spec, exactly as <c>docs/entrypoint.md</c> describes them.</summary>
internal static class InjectedParts
{
    /// <summary>The shared <c>emptyDir</c> volume.</summary>
    public static JsonObject Volume() => new()
    {
        ["name"] = EntrypointProtocol.VolumeName,
        ["emptyDir"] = new JsonObject(),
    };

    /// <summary>The mount of the shared volume, used by the init container and every step.</summary>
    public static JsonObject VolumeMount() => new()
    {
        ["name"] = EntrypointProtocol.VolumeName,
        ["mountPath"] = EntrypointProtocol.MountPath,
    };

    /// <summary>
    /// The init container that copies the entrypoint into the shared volume. Its security context and resources
    /// meet Pod Security "restricted" so converted Pods are admitted in restricted namespaces. It sets no
    /// <c>runAsUser</c>: platforms such as OpenShift assign a UID from the namespace's range and refuse others, and
    /// <c>runAsNonRoot</c> is satisfied by the image's numeric non-root <c>USER</c> where nothing assigns one. In a
    /// Guaranteed Pod its requests equal its limits, so that the Pod stays Guaranteed.
    /// </summary>
    public static JsonObject InitContainer(ConversionOptions options, QosClass qos) => new()
    {
        ["name"] = EntrypointProtocol.InitContainerName,
        ["image"] = options.EntrypointImage,
        ["imagePullPolicy"] = "IfNotPresent",
        ["command"] = Strings(EntrypointProtocol.CopyCommand),
        ["volumeMounts"] = new JsonArray(VolumeMount()),
        ["resources"] = new JsonObject
        {
            ["requests"] = qos == QosClass.Guaranteed
                ? new JsonObject { ["cpu"] = "100m", ["memory"] = "32Mi" }
                : new JsonObject { ["cpu"] = "10m", ["memory"] = "16Mi" },
            ["limits"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "32Mi" },
        },
        ["securityContext"] = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
            ["readOnlyRootFilesystem"] = true,
        },
    };

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> texts) => new([.. texts.Select(t => (JsonNode?)JsonValue.Create(t))]);
}
