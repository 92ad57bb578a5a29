using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Input;

/// <summary>
/// Streams the documents of one input to the command that reads it, counting its bytes against a budget. Whatever
/// goes wrong with the input itself (it cannot be opened or read, it goes past the budget) is one more diagnostic for
/// the input, after those of the documents read before, so every command names a bad input the same way.
/// </summary>
internal static class SourceReader
{
    /// <summary>Reads <paramref name="source"/>: each document goes to <paramref name="onDocument"/> as it is read, each error to <paramref name="report"/>.</summary>
    /// <param name="source">The input.</param>
    /// <param name="budget">The bytes it may still take.</param>
    /// <param name="limits">The bounds of one document.</param>
    /// <param name="streamListItems">Whether a <c>v1 List</c> comes with its items to be read one at a time (<see cref="ReadDocument.Items"/>).</param>
    /// <param name="onDocument">Handles one document, before the next is read.</param>
    /// <param name="report">Receives the errors, in input order.</param>
    public static void Read(
        InputSource source, InputBudget budget, ReadLimits limits, bool streamListItems, Action<ReadDocument> onDocument, Action<Diagnostic> report)
    {
        try
        {
            using var input = budget.Track(source.Open());
            foreach (var item in ManifestReader.Read(input, limits, streamListItems))
            {
                if (item is ReadDocument document)
                {
                    onDocument(document);
                }
                else if (item is ReadError error)
                {
                    report(Diagnostic.Of(source.Name, error));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report(new Diagnostic(source.Name, InputCollector.Describe(e)));
        }
        catch (InputBudgetException e)
        {
            report(new Diagnostic(source.Name, e.Message));
        }
    }
}
