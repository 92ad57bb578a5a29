namespace Kueueleuleu.Yaml;

/// <summary>Raised inside the reader for input it cannot parse; never escapes <see cref="YamlStreamReader"/>.</summary>
internal sealed class YamlSyntaxException : Exception
{
    public YamlSyntaxException(TextPosition position, string message)
        : base(message)
    {
        Position = position;
    }

    public YamlSyntaxException()
    {
    }

    public YamlSyntaxException(string message)
        : base(message)
    {
    }

    public YamlSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TextPosition Position { get; }
}
