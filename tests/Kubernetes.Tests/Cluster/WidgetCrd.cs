using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>A small CRD (Widget) with a status subresource, in a group unique to this test run.</summary>
public static class WidgetCrd
{
    public static async Task<ResourceType> CreateAsync(IKubernetesClient client)
    {
        var group = $"run{Guid.NewGuid().ToString("N")[..8]}.kueueleuleu.test";
        var crd = JsonNode.Parse($$$"""
            {
              "apiVersion": "apiextensions.k8s.io/v1",
              "kind": "CustomResourceDefinition",
              "metadata": {"name": "widgets.{{{group}}}", "labels": {"kueueleuleu.io/test": "kubernetes-client"}},
              "spec": {
                "group": "{{{group}}}",
                "scope": "Namespaced",
                "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
                "versions": [{
                  "name": "v1", "served": true, "storage": true,
                  "subresources": {"status": {}},
                  "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                    "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                    "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
                  }
                  }
                  }
                }]
              }
            }
            """)!.AsObject();
        await client.CreateAsync(ResourceType.CustomResourceDefinitions, null, crd);
        var widgets = new ResourceType(group, "v1", "widgets", true);
        await Eventually.ThatAsync(async () => IsEstablished(await client.GetAsync(ResourceType.CustomResourceDefinitions, null, $"widgets.{group}")), TimeSpan.FromSeconds(60), "CRD Established");
        // Established can precede the discovery/handler update by a moment: wait until the endpoint serves.
        await Eventually.ThatAsync(async () => (await client.ListAsync(widgets, "default")).Items is not null, TimeSpan.FromSeconds(60), "widgets endpoint");
        return widgets;
    }

    public static async Task DeleteAsync(IKubernetesClient client, ResourceType widgets)
    {
        try
        {
            await client.DeleteAsync(ResourceType.CustomResourceDefinitions, null, $"widgets.{widgets.Group}");
        }
        catch (Http.KubernetesApiException)
        {
            // Best effort at the end of the run.
        }
    }

    public static JsonObject New(ResourceType widgets, string name, JsonObject? spec = null, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = widgets.ApiVersion,
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [] },
        ["spec"] = spec ?? new JsonObject { ["size"] = 1 },
    };

    private static bool IsEstablished(JsonObject crd) =>
        crd["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => (string?)c?["type"] == "Established" && (string?)c?["status"] == "True");
}
