using System.Text.Json.Nodes;
using Kueueleuleu.Entities.Schema;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.CrdGen;

/// <summary>The files the generator owns, with their content: a pure function of the C# types.</summary>
internal static class CrdFiles
{
    private const string Header =
        "# Generated from src/Entities by tools/CrdGen; do not edit. Regenerate with: " + CrdGenerator.Command + "\n";

    /// <summary>Every generated file: its path relative to the repository root, and its text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Render() =>
    [
        (CrdGenerator.CrdPath, Header + Yaml(CrdGenerator.Generate())),
        (CrdGenerator.KustomizationPath, Header + Yaml(CrdGenerator.Kustomization())),
    ];

    /// <summary>One YAML document, written by the project's YAML library (block style, strings quoted when needed).</summary>
    public static string Yaml(JsonNode document) => YamlWriter.Write([document]);
}
