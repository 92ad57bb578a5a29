using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol;

/// <summary>The outcome of a conversion: either a whole converted document or the errors found, never both.</summary>
public sealed class ConversionResult
{
    private ConversionResult(JsonNode? document, IReadOnlyList<ConversionError> errors)
    {
        Document = document;
        Errors = errors;
    }

    /// <summary>The converted document; <see langword="null"/> when there are errors (output is never partial).</summary>
    public JsonNode? Document { get; }

    /// <summary>Every error found; empty on success.</summary>
    public IReadOnlyList<ConversionError> Errors { get; }

    /// <summary>Whether the conversion found no errors.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Creates a successful result.</summary>
    /// <param name="document">The converted document.</param>
    /// <returns>A result holding <paramref name="document"/> and no errors.</returns>
    public static ConversionResult Success(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ConversionResult(document, []);
    }

    /// <summary>Creates a failed result.</summary>
    /// <param name="errors">At least one error.</param>
    /// <returns>A result holding the errors and no document.</returns>
    public static ConversionResult Failure(IEnumerable<ConversionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A failed conversion needs at least one error.", nameof(errors));
        }

        return new ConversionResult(null, list);
    }

    /// <summary>Creates a result from an output document and the errors found while producing it.</summary>
    /// <param name="document">The output, dropped when there are errors.</param>
    /// <param name="errors">The errors found, possibly none.</param>
    /// <returns>A success when <paramref name="errors"/> is empty, else a failure.</returns>
    public static ConversionResult From(JsonNode document, IReadOnlyList<ConversionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? Success(document) : Failure(errors);
    }
}
