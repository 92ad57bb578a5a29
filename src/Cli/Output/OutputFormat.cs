namespace Kueueleuleu.Cli.Output;

/// <summary>The formats <c>convert</c> can write.</summary>
internal enum OutputFormat
{
    Yaml,
    Json,
}
