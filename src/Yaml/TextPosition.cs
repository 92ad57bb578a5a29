namespace Kueueleuleu.Yaml;

/// <summary>A 1-based line and column in an input text.</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    /// <summary>The position as error messages show it.</summary>
    public override string ToString() => $"line {Line}, column {Column}";
}
