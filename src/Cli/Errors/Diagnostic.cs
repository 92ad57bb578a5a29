using System.Globalization;
using System.Text;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Errors;

/// <summary>
/// One user-facing error, printed as one line:
/// <c>FILE: document N (Kind namespace/name): line L, column C: FIELD.PATH: message</c>, leaving out the parts
/// that are not known (a file that cannot be read has no document).
/// </summary>
internal sealed record Diagnostic(string Source, string Message)
{
    /// <summary>The 1-based document number in the source, when the error is inside a document.</summary>
    public int? Document { get; init; }

    /// <summary>The object the document describes, such as <c>Job default/build</c>, when known.</summary>
    public string? Object { get; init; }

    /// <summary>Where the error is in the source text, when known.</summary>
    public TextPosition? Position { get; init; }

    /// <summary>The field path inside the document, when known.</summary>
    public string? Path { get; init; }

    /// <summary>The diagnostic for an error the reader found in <paramref name="source"/>.</summary>
    /// <param name="source">The input's name.</param>
    /// <param name="error">The reader's error.</param>
    /// <returns>The diagnostic, with the error's document, position and path.</returns>
    public static Diagnostic Of(string source, ReadError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Diagnostic(source, error.Message) { Document = error.Document, Position = error.Position, Path = error.Path };
    }

    /// <summary>The one-line text printed on standard error.</summary>
    public override string ToString()
    {
        var line = new StringBuilder(Source);
        if (Document is { } document)
        {
            line.Append(CultureInfo.InvariantCulture, $": document {document}");
            if (Object is not null)
            {
                line.Append(CultureInfo.InvariantCulture, $" ({Object})");
            }
        }

        if (Position is { } position)
        {
            line.Append(": ").Append(position.ToString());
        }

        if (!string.IsNullOrEmpty(Path))
        {
            line.Append(": ").Append(Path);
        }

        // Messages from libraries may span lines; one error must stay one line for grep and CI logs.
        line.Append(": ").Append(Message.ReplaceLineEndings(" ").Trim());
        return line.ToString();
    }
}
