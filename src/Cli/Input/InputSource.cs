namespace Kueueleuleu.Cli.Input;

/// <summary>The text of one input, named as errors should name it (the path given, or <c>&lt;stdin&gt;</c>).</summary>
internal sealed record InputSource(string Name, string Text);
