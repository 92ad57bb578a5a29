using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities.Tests;

public class CrdSchemaTests
{
    private static readonly JsonObject Crd = CrdGenerator.Generate();
    private static readonly JsonObject Version = (JsonObject)Crd["spec"]!["versions"]![0]!;
    private static readonly JsonObject Root = (JsonObject)Version["schema"]!["openAPIV3Schema"]!;

    [Fact]
    public void Schema_is_structural()
    {
        Assert.Empty(StructuralSchema.Violations(Root));
    }

    [Fact]
    public void Structural_checker_catches_violations()
    {
        var broken = JsonNode.Parse("""
            {"type": "object", "properties": {
              "metadata": {"type": "object", "properties": {"name": {"type": "string"}}},
              "a": {"properties": {"b": {"type": "string"}}},
              "c": {"type": "array"},
              "d": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "string"}}},
                    "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"]},
              "e": {"type": "string", "additionalProperties": {"type": "string"}},
              "f": {"type": "object", "properties": {"x": {"type": "string"}}, "additionalProperties": {"type": "string"}},
              "g": {"type": "object", "additionalProperties": {"type": "strange"}}
            }, "required": ["zz"]}
            """)!.AsObject();
        var violations = StructuralSchema.Violations(broken);
        Assert.Contains("metadata: only `type: object` is allowed", violations);
        Assert.Contains(".a: has neither type nor x-kubernetes-preserve-unknown-fields", violations);
        Assert.Contains(".c: an array must have items", violations);
        Assert.Contains(".d: map key k must be a required scalar field of the items", violations);
        Assert.Contains(".e: properties, additionalProperties or preserve-unknown-fields on a string", violations);
        Assert.Contains(".f: properties and additionalProperties are mutually exclusive", violations);
        Assert.Contains(".g[*]: type strange is not an OpenAPI type", violations);
        Assert.Contains("root: required field zz is not among the properties", violations);
    }

    [Fact]
    public void Names_scope_and_subresource_are_declared()
    {
        var spec = Crd["spec"]!;
        Assert.Equal("sequentialjobs.kueueleuleu.io", (string?)Crd["metadata"]!["name"]);
        Assert.Equal("kueueleuleu.io", (string?)spec["group"]);
        Assert.Equal("Namespaced", (string?)spec["scope"]);
        var names = spec["names"]!;
        Assert.Equal("SequentialJob", (string?)names["kind"]);
        Assert.Equal("sequentialjobs", (string?)names["plural"]);
        Assert.Equal("sequentialjob", (string?)names["singular"]);
        Assert.Equal(["sjob"], names["shortNames"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["all", "kueueleuleu"], names["categories"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("v1alpha1", (string?)Version["name"]);
        Assert.True((bool)Version["served"]! && (bool)Version["storage"]!);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["status"] = new JsonObject() }, Version["subresources"]));
    }

    [Fact]
    public void Printer_columns_are_phase_reason_steps_current_duration_age_then_wide_ones()
    {
        var columns = Version["additionalPrinterColumns"]!.AsArray();
        var defaults = columns.Where(c => c!["priority"] is null).Select(c => (string)c!["name"]!);
        Assert.Equal(["Phase", "Reason", "Steps", "Current", "Duration", "Age"], defaults);
        var wide = columns.Where(c => (int?)c!["priority"] == 1).Select(c => (string)c!["name"]!);
        Assert.Equal(["Job", "Pod", "Attempts", "Message"], wide);
    }

    [Fact]
    public void Every_printer_column_points_at_a_declared_field_of_its_type()
    {
        foreach (var column in SequentialJobColumns.All)
        {
            if (column.JsonPath == ".metadata.creationTimestamp")
            {
                Assert.Equal("date", column.Type);
                continue;
            }

            // A filter such as conditions[?(@.type=="Ready")] selects items of a list: its field is under "items".
            var path = System.Text.RegularExpressions.Regex.Replace(column.JsonPath, @"\[\?\(.*?\)\]", ".[]");
            var node = path.Split('.', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)Root, (current, name) => name == "[]" ? current?["items"] : current?["properties"]?[name]);
            Assert.True(node is not null, $"{column.JsonPath} is not in the schema");
            Assert.Equal(column.Type, (string?)node["type"]);
        }
    }

    [Fact]
    public void Step_state_enum_is_the_converters_StepState()
    {
        var values = Strings(Root, "status", "steps", "[]", "state", "enum");
        Assert.Equal(Enum.GetNames<StepState>(), values);
    }

    [Fact]
    public void OnError_enum_matches_the_converters_OnErrorPolicy()
    {
        var values = Strings(Root, "spec", "steps", "[]", "onError", "enum");
        Assert.Equal(Enum.GetNames<OnErrorPolicy>().Select(n => n.ToLowerInvariant()), values);
        Assert.Equal(Enum.GetNames<OnErrorPolicy>(), Enum.GetNames<StepOnError>());
    }

    [Fact]
    public void Phase_and_condition_status_enums_match_their_CSharp_enums()
    {
        Assert.Equal(Enum.GetNames<SequentialJobPhase>(), Strings(Root, "status", "phase", "enum"));
        Assert.Equal(Enum.GetNames<ConditionStatus>(), Strings(Root, "status", "conditions", "[]", "status", "enum"));
    }

    [Fact]
    public void Spec_and_template_keep_unknown_fields_while_known_ones_are_typed()
    {
        var spec = Root["properties"]!["spec"]!;
        Assert.True((bool)spec["x-kubernetes-preserve-unknown-fields"]!);
        Assert.Equal(["template"], spec["required"]!.AsArray().Select(n => (string)n!));
        var template = spec["properties"]!["template"]!;
        Assert.True((bool)template["x-kubernetes-preserve-unknown-fields"]!);
        var containers = template["properties"]!["spec"]!["properties"]!["containers"]!;
        Assert.Equal(["image", "name"], containers["items"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(Schema.SchemaPatterns.DnsLabel, (string?)containers["items"]!["properties"]!["name"]!["pattern"]);
        Assert.Equal(63, (int?)containers["items"]!["properties"]!["name"]!["maxLength"]);
        var restart = template["properties"]!["spec"]!["properties"]!["restartPolicy"]!;
        Assert.Equal(["Never", "OnFailure"], restart["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("Never", (string?)restart["default"]);
        Assert.Equal(1, (int?)spec["properties"]!["parallelism"]!["maximum"]);
        Assert.Equal(1, (int?)spec["properties"]!["completions"]!["minimum"]);
    }

    [Fact]
    public void Conditions_are_a_map_list_keyed_by_type_in_metav1_Condition_shape()
    {
        var conditions = Root["properties"]!["status"]!["properties"]!["conditions"]!;
        Assert.Equal("map", (string?)conditions["x-kubernetes-list-type"]);
        Assert.Equal(["type"], conditions["x-kubernetes-list-map-keys"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(
            ["lastTransitionTime", "message", "reason", "status", "type"],
            conditions["items"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("date-time", (string?)conditions["items"]!["properties"]!["lastTransitionTime"]!["format"]);
    }

    [Fact]
    public void Every_list_iterated_by_a_CEL_rule_and_every_string_compared_in_one_is_bounded()
    {
        // The API server refuses rules whose estimated cost is unbounded: iterated lists need maxItems and
        // compared strings maxLength.
        var spec = Root["properties"]!["spec"]!;
        var steps = spec["properties"]!["steps"]!;
        var containers = spec["properties"]!["template"]!["properties"]!["spec"]!["properties"]!["containers"]!;
        Assert.NotNull(steps["maxItems"]);
        Assert.NotNull(steps["items"]!["properties"]!["after"]!["maxItems"]);
        Assert.NotNull(steps["items"]!["properties"]!["after"]!["items"]!["maxLength"]);
        Assert.NotNull(steps["items"]!["properties"]!["name"]!["maxLength"]);
        Assert.NotNull(containers["maxItems"]);
        Assert.NotNull(containers["items"]!["properties"]!["name"]!["maxLength"]);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        Assert.Equal(CrdGenerator.Generate().ToJsonString(), CrdGenerator.Generate().ToJsonString());
    }

    [Fact]
    public void Properties_without_a_json_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaGenerator.ForType(typeof(Unnamed)));
        Assert.Contains("[JsonPropertyName]", error.Message, StringComparison.Ordinal);
    }

    private static string[] Strings(JsonNode root, params string[] path)
    {
        var node = path.Aggregate((JsonNode?)root, (current, step) => step switch
        {
            "[]" => current?["items"],
            "enum" => current?["enum"],
            _ => current?["properties"]?[step],
        });
        return [.. node!.AsArray().Select(n => (string)n!)];
    }

    private sealed class Unnamed
    {
        public string? Field { get; set; }
    }
}
