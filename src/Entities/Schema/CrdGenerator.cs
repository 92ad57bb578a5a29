using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Entities.Schema;

/// <summary>
/// Builds the SequentialJob CustomResourceDefinition (<c>apiextensions.k8s.io/v1</c>) from the C# types: a pure
/// function whose output tools/CrdGen writes to <c>config/crd</c>.
/// </summary>
[RequiresUnreferencedCode(SchemaGenerator.ReflectionOnly)]
[RequiresDynamicCode(SchemaGenerator.ReflectionOnly)]
public static class CrdGenerator
{
    /// <summary>The command that regenerates the committed CRD, named in messages about a stale file.</summary>
    public const string Command = "dotnet run --project tools/CrdGen";

    /// <summary>The committed file, relative to the repository root.</summary>
    public const string CrdPath = "config/crd/kueueleuleu.io_sequentialjobs.yaml";

    /// <summary>The kustomization listing the CRD, relative to the repository root.</summary>
    public const string KustomizationPath = "config/crd/kustomization.yaml";

    /// <summary>Builds the CustomResourceDefinition.</summary>
    /// <returns>A new JSON object.</returns>
    public static JsonObject Generate() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject
        {
            ["name"] = SequentialJobApi.CrdName,
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "kueueleuleu" },
        },
        ["spec"] = new JsonObject
        {
            ["group"] = SequentialJobApi.Group,
            ["names"] = Names(),
            ["scope"] = "Namespaced",
            ["versions"] = new JsonArray(Version()),
        },
    };

    /// <summary>Builds the kustomization that lists the CRD file.</summary>
    /// <returns>A new JSON object.</returns>
    public static JsonObject Kustomization() => new()
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["resources"] = new JsonArray(Path.GetFileName(CrdPath)),
    };

    private static JsonObject Names() => new()
    {
        ["kind"] = SequentialJobApi.Kind,
        ["listKind"] = SequentialJobApi.ListKind,
        ["plural"] = SequentialJobApi.Plural,
        ["singular"] = SequentialJobApi.Singular,
        ["shortNames"] = new JsonArray(SequentialJobApi.ShortName),
        ["categories"] = new JsonArray([.. SequentialJobApi.Categories.Select(c => (JsonNode)c)]),
    };

    private static JsonObject Version() => new()
    {
        ["name"] = SequentialJobApi.Version,
        ["served"] = true,
        ["storage"] = true,
        ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
        ["additionalPrinterColumns"] = Columns(),
        ["schema"] = new JsonObject { ["openAPIV3Schema"] = SchemaGenerator.ForType(typeof(SequentialJob)) },
    };

    private static JsonArray Columns()
    {
        var columns = new JsonArray();
        foreach (var column in SequentialJobColumns.All)
        {
            var node = new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["jsonPath"] = column.JsonPath,
                ["description"] = column.Description,
            };
            if (column.Priority != 0)
            {
                node["priority"] = column.Priority;
            }

            columns.Add(node);
        }

        return columns;
    }
}
