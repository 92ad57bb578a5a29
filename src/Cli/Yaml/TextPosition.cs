namespace Kueueleuleu.Cli.Yaml;

/// <summary>A 1-based line and column in an input text.</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
