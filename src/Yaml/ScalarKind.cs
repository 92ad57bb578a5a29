namespace Kueueleuleu.Yaml;

/// <summary>The JSON type a YAML scalar resolves to.</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
